"""The deployment promises hold: compose file, image, production settings, Celery, docs and `make test`."""
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SECRET = "t3st-0nly-" + "k9Qw7Zr2Lm5Xp8Vb4Nc1Hd6Jf3Gs0Ty" * 2
SANE_PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "oerhub.example.vn",
    "CSRF_TRUSTED_ORIGINS": "https://oerhub.example.vn",
    "SITE_BASE_URL": "https://oerhub.example.vn",
    "DATABASE_URL": "postgres://oerhub:secret@db.internal:5432/oerhub",
    "REDIS_URL": "redis://redis.internal:6379/0",
}
# What the web and worker containers cannot run without.
APP_VARIABLES = {
    "DJANGO_SETTINGS_MODULE", "DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL",
    "REDIS_URL", "SEARCH_BACKEND", "ELASTICSEARCH_URL", "SEARCH_INDEX_PREFIX", "S3_BUCKET",
    "S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "H5P_CONTENT_ORIGIN",
    "SITE_BASE_URL",
}
# Read by something other than the settings files, and still part of the contract.
OTHER_VARIABLES = {"DJANGO_SETTINGS_MODULE", "PORT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
# Settings without the developer's .env file: these tests must see only what they pass.


def run_django(code, settings="oer_hub.settings.production", **env):
    """Run `code` in a fresh interpreter with a clean environment plus `env`; return the process."""
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tempfile.gettempdir(),
             "DJANGO_SETTINGS_MODULE": settings, "PYTHONDONTWRITEBYTECODE": "1", "DJANGO_READ_DOT_ENV": "false",
             **env}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120,
    )


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def settings_variables():
    pattern = re.compile(
        r"""env(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']"""
        r"""|os\.environ(?:\.get)?[(\[]\s*["']([A-Z][A-Z0-9_]*)["']"""
        r"""|getenv\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    )
    names = set()
    for path in (ROOT / "oer_hub" / "settings").glob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            names.add(next(group for group in match.groups() if group))
    return names


# --- docker-compose.yml ---------------------------------------------------------------


def test_compose_describes_every_part_of_the_scaled_deployment():
    services = compose()["services"]
    for name in ("web", "worker", "postgres", "redis", "elasticsearch"):
        assert name in services, f"docker-compose.yml has no '{name}' service"
    s3_stores = [name for name, svc in services.items() if "minio" in str(svc.get("image", ""))]
    assert s3_stores, "docker-compose.yml has no S3-compatible store (MinIO)"
    for name, service in services.items():
        assert service.get("image") or service.get("build"), f"service '{name}' has neither image nor build"
    assert services["elasticsearch"]["image"].split(":")[-1].startswith("8.")
    assert services["elasticsearch"]["environment"]["discovery.type"] == "single-node"
    assert "gunicorn" in (ROOT / "Dockerfile").read_text() and "build" in services["web"]
    assert "celery" in " ".join(services["worker"]["command"]) and "worker" in " ".join(services["worker"]["command"])


def test_web_and_worker_get_every_variable_they_need():
    services = compose()["services"]
    for name in ("web", "worker", "migrate"):
        environment = services[name]["environment"]
        missing = APP_VARIABLES - set(environment)
        assert not missing, f"{name} lacks {sorted(missing)}"
        assert environment["DJANGO_SETTINGS_MODULE"] == "oer_hub.settings.production"
        # The bundled services are the defaults; an operator's variable replaces each one.
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        assert environment["DATABASE_URL"].startswith("${DATABASE_URL:-")
        assert "redis:6379" in environment["REDIS_URL"]
        assert "elasticsearch:9200" in environment["ELASTICSEARCH_URL"]
        assert "${SEARCH_BACKEND:-elasticsearch}" == environment["SEARCH_BACKEND"]
        assert "minio" in environment["S3_ENDPOINT_URL"]


def test_web_waits_for_healthy_services_and_for_migrations():
    services = compose()["services"]
    depends = services["web"]["depends_on"]
    for name in ("postgres", "redis", "elasticsearch", "minio"):
        assert depends[name]["condition"] == "service_healthy", name
    assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert "migrate" in " ".join(services["migrate"]["command"])
    assert "ensure_bucket" in " ".join(services["migrate"]["command"])
    assert services["worker"]["depends_on"] == depends
    for name, service in services.items():
        if name != "migrate":
            assert service.get("healthcheck", {}).get("test"), f"service '{name}' has no healthcheck"


def test_compose_file_is_consistent():
    doc = compose()
    services, volumes = doc["services"], doc.get("volumes") or {}
    for name, service in services.items():
        for target in service.get("depends_on", {}):
            assert target in services, f"{name} depends on unknown service {target}"
        for mount in service.get("volumes", []):
            source = mount.split(":", 1)[0]
            if not source.startswith((".", "/")):
                assert source in volumes, f"{name} mounts undeclared volume {source}"
    for name in ("postgres", "elasticsearch", "minio"):
        assert services[name].get("volumes"), f"{name} keeps its data in no volume"
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    for expr in re.findall(r"(?<!\$)\$\{([^}]*)\}?", text):
        assert re.match(r"^[A-Z_][A-Z0-9_]*(?:(?::?[-?+]).*)?$", expr), f"bad interpolation ${{{expr}}}"

    docker = shutil.which("docker")
    has_compose = docker and subprocess.run(
        [docker, "compose", "version"], capture_output=True, timeout=60,
    ).returncode == 0
    if has_compose:
        env = {**os.environ, "DJANGO_SECRET_KEY": SECRET}
        result = subprocess.run(
            [docker, "compose", "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr


def test_dockerfile_builds_a_non_root_gunicorn_image_with_static_files():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.M)
    assert "libmagic1" in text and "gettext" in text
    assert "pip install -r requirements.txt" in text
    assert "collectstatic --noinput" in text
    assert "gunicorn oer_hub.wsgi" in text and "${PORT}" in text
    users = re.findall(r"^USER\s+(\S+)", text, re.M)
    assert users and users[-1] not in {"root", "0"}
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", ".env", "var"} <= set(ignored)


# --- documentation --------------------------------------------------------------------


def test_every_environment_variable_is_documented():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = settings_variables() | OTHER_VARIABLES
    assert {"DATABASE_URL", "DJANGO_SECRET_KEY", "SEARCH_BACKEND", "S3_BUCKET"} <= names
    undocumented_example = sorted(n for n in names if not re.search(rf"\b{n}=", example))
    undocumented_readme = sorted(n for n in names if f"`{n}`" not in readme)
    assert not undocumented_example, f"missing from .env.example: {undocumented_example}"
    assert not undocumented_readme, f"missing from README.md: {undocumented_readme}"
    compose_vars = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", (ROOT / "docker-compose.yml").read_text()))
    missing_compose = sorted(n for n in compose_vars if not re.search(rf"\b{n}=", example))
    assert not missing_compose, f"docker-compose.yml variables missing from .env.example: {missing_compose}"


def test_readme_opens_with_the_two_commands():
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:40])
    assert "make run" in head and "make test" in head
    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    for topic in ("pg_dump", "createsuperuser", "catalog_outboxevent", "docker compose"):
        assert topic in operations, topic


def test_make_help_lists_the_targets():
    result = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for target in ("make run", "make test", "make migrate", "make demo", "make clean"):
        assert target in result.stdout


# --- production settings --------------------------------------------------------------


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django("import django; django.setup()", ALLOWED_HOSTS="oerhub.example.vn")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_django("import django; django.setup()", DJANGO_SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_database_url_selects_postgresql():
    result = run_django(
        """
        import django; django.setup()
        from django.conf import settings
        db = settings.DATABASES["default"]
        print(db["ENGINE"], db["NAME"], db["HOST"], db["PORT"], db["ATOMIC_REQUESTS"])
        """,
        **SANE_PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "oerhub", "db.internal", "5432", "True"]


def test_production_with_a_bucket_stores_files_in_the_object_store():
    code = """
        import django; django.setup()
        from django.conf import settings
        from django.core.files.storage import default_storage
        print(settings.STORAGES["default"]["BACKEND"])
        print(default_storage.url("ab/cd/bai-giang.pdf"))
    """
    result = run_django(
        code, S3_BUCKET="oerhub-files", S3_ENDPOINT_URL="http://minio.localhost:9000",
        AWS_ACCESS_KEY_ID="test-key", AWS_SECRET_ACCESS_KEY="test-secret", **SANE_PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    backend, url = result.stdout.split()
    assert backend == "storages.backends.s3.S3Storage"
    # Users download from the store through a signed, expiring URL on its public address.
    assert url.startswith("http://minio.localhost:9000/oerhub-files/ab/cd/bai-giang.pdf?")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=" in url

    on_disk = run_django(code, **SANE_PRODUCTION_ENV)
    assert on_disk.returncode == 0, on_disk.stderr
    assert on_disk.stdout.split()[0] == "django.core.files.storage.FileSystemStorage"


def test_production_passes_the_deployment_checks():
    result = run_django(
        """
        from django.core.management import execute_from_command_line
        execute_from_command_line(["manage.py", "check", "--deploy", "--fail-level", "ERROR"])
        """,
        **SANE_PRODUCTION_ENV,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "ERRORS:" not in output
    # Only the HSTS preload list stays opt-in: joining it is slow to undo (docs/operations.md).
    raised = set(re.findall(r"\(([\w.]+\.[EW]\d+)\)", output))
    assert raised <= {"security.W021"}, output


def test_production_serves_static_files_from_the_web_process():
    result = run_django(
        """
        import django; django.setup()
        from django.conf import settings
        print(settings.MIDDLEWARE[1]); print(settings.STORAGES["staticfiles"]["BACKEND"])
        """,
        **SANE_PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


# --- Celery ---------------------------------------------------------------------------

CELERY_PROBE = """
    import django; django.setup()
    from oer_hub import celery_app
    from celery import shared_task

    @shared_task
    def add(x, y):
        return x + y

    result = add.delay(2, 3)
    print(celery_app.conf.broker_url, celery_app.conf.task_always_eager, type(result).__name__)
    if celery_app.conf.task_always_eager:
        print(result.get())
"""


def test_celery_without_redis_runs_tasks_in_process():
    result = run_django(CELERY_PROBE, settings="oer_hub.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["memory://localhost/", "True", "EagerResult", "5"]


def test_celery_with_redis_sends_tasks_to_the_broker():
    # Only the configuration is read; the unreachable host proves nothing is sent eagerly.
    result = run_django(
        """
        import django; django.setup()
        from oer_hub import celery_app
        print(celery_app.conf.broker_url, celery_app.conf.task_always_eager, celery_app.main)
        """,
        **SANE_PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["redis://redis.internal:6379/0", "False", "oer_hub"]


# --- make test's runner and the container health probe ---------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_tests_script(*args, ci, **extra_env):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(extra_env)
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "scripts/run_tests.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


def test_make_test_reports_a_postgresql_suite_it_could_not_run():
    port = free_port()
    closed = f"postgres://postgres@127.0.0.1:{port}/oerhub"
    local = run_tests_script("--suite", "postgresql", ci=False, DATABASE_URL=closed)
    in_ci = run_tests_script("--suite", "postgresql", ci=True, DATABASE_URL=closed)
    for result in (local, in_ci):
        assert f"no PostgreSQL server at 127.0.0.1:{port}" in result.stdout
        assert "start PostgreSQL or set DATABASE_URL" in result.stdout
        assert "NOT RUN" in result.stdout
    assert local.returncode == 0, local.stdout
    assert in_ci.returncode == 1 and "CI=true" in in_ci.stdout


def test_make_test_fails_when_no_test_was_collected():
    result = run_tests_script(
        "--suite", "sqlite", "--", "tests/test_deployment.py", "-k", "no_such_test_anywhere", ci=False,
    )
    assert result.returncode == 1
    assert "no tests were collected" in result.stdout


class _Status(http.server.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self):
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args):
        pass


def probe(url):
    return subprocess.run(
        [sys.executable, "scripts/healthcheck.py", url], cwd=ROOT, capture_output=True, text=True, timeout=60,
    )


def test_container_health_probe_fails_only_on_server_errors():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Status)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/admin/login/"
    try:
        for status, healthy in ((200, True), (400, True), (500, False), (503, False)):
            _Status.status = status
            assert (probe(url).returncode == 0) is healthy, status
    finally:
        server.shutdown()
        server.server_close()
    assert probe(f"http://127.0.0.1:{free_port()}/").returncode == 1
