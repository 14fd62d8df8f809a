"""Settings shared by every environment; each value that varies is read from the environment."""
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "oer_hub"

env = environ.Env()
# A local .env file is optional; real deployments set variables in the environment.
# DJANGO_READ_DOT_ENV=false ignores it (tests that must see only the variables they pass).
if env.bool("DJANGO_READ_DOT_ENV", default=True):
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "core",
    "catalog",
    "search",
    "api",
    "h5p",
    "oai",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Centres often sit on weak connections and the embedded default has no proxy to compress.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "oer_hub.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "oer_hub.wsgi.application"

# SQLite file in var/ is the embedded default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging lets pages be read while an import or index rebuild writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
# Every request runs in one transaction, so an admin edit and the outbox event it
# records (catalog.signals) commit or roll back together.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first; English available through the language switcher or Accept-Language.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {"default": env.cache("REDIS_URL", default="locmemcache://")}

WAGTAIL_SITE_NAME = "Kho học liệu mở GDTX"
WAGTAILADMIN_BASE_URL = env("SITE_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "docx", "doc", "pptx", "ppt", "xlsx", "xls", "odt", "odp", "ods",
    "txt", "csv", "rtf", "epub", "mp3", "mp4", "m4a", "ogg", "webm", "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("DOCS_MAX_UPLOAD_SIZE", default=200 * 1024 * 1024)
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Base of the URIs this hub mints for its own vocabularies (topics, centres, levels).
OER_VOCAB_BASE_URI = env("OER_VOCAB_BASE_URI", default="https://oerhub.edu.vn/vocab/")
SITE_BASE_URL = WAGTAILADMIN_BASE_URL

# Settings documented in .env.example and consumed by later parts of the hub.
SEARCH_BACKEND = env("SEARCH_BACKEND", default="database")
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="oerhub")
S3_BUCKET = env("S3_BUCKET", default="")
S3_ENDPOINT_URL = env("S3_ENDPOINT_URL", default="")
REDIS_URL = env("REDIS_URL", default="")
H5P_CONTENT_ORIGIN = env("H5P_CONTENT_ORIGIN", default="")

# H5P packages (h5p/package, docs/h5p.md): limits checked on the bytes really unpacked, so a
# zip bomb or a header that lies about sizes is refused before it fills the disk.
H5P_MAX_ENTRIES = env.int("H5P_MAX_ENTRIES", default=5000)
H5P_MAX_UNCOMPRESSED_BYTES = env.int("H5P_MAX_UNCOMPRESSED_BYTES", default=1024 * 1024 * 1024)
H5P_MAX_COMPRESSION_RATIO = env.int("H5P_MAX_COMPRESSION_RATIO", default=100)

# Celery: with REDIS_URL (scaled) tasks go to Redis and a worker runs them; without it (the
# embedded default) there is no broker and tasks run in the calling process, at once.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Index updates and webhooks are idempotent: redeliver a task whose worker died.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
# Catch up on index updates a failed drain left behind (engine or broker down at write time).
CELERY_BEAT_SCHEDULE = {
    "drain-search-outbox": {"task": "search.drain_outbox", "schedule": env.int("SEARCH_DRAIN_INTERVAL", default=60)},
    # Webhooks: deliveries for changes no run picked up yet, and retries that are due (api/webhooks.py).
    "deliver-webhooks": {"task": "api.deliver_webhooks", "schedule": 60},
}

# Webhooks (api/webhooks.py, docs/partners.md).
# Seconds to wait for a partner's server to accept a connection, then for its answer.
WEBHOOK_CONNECT_TIMEOUT = 3
WEBHOOK_READ_TIMEOUT = 5
# Seconds before each retry of a failed delivery (±10%); after the last one it is given up.
WEBHOOK_RETRY_DELAYS = [60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600]
WEBHOOK_MAX_ENDPOINTS = 10
# Allow webhook URLs on private, loopback and link-local addresses (a closed network; tests).
# Off in production: a partner could otherwise make the hub call its own internal services.
WEBHOOK_ALLOW_PRIVATE_HOSTS = env.bool("WEBHOOK_ALLOW_PRIVATE_HOSTS", default=False)

# REST API (api/README.md). Anonymous clients read; writes need a signed-in user. Responses are
# JSON; api.views.PublicApiView adds the browsable renderer when DEBUG is on (dev settings).
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # API keys for partners and centres (api/authentication.py), sessions for teachers (with CSRF).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# API writes, keys, idempotency and rate limits (api/views/resource_writes.py, api/views/bulk.py,
# api/idempotency.py, api/throttling.py; docs/partners.md). Rates are "N/s", "N/min", "N/hour" or
# "off"; counters live in the default cache (Redis when REDIS_URL is set, shared by all processes).
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = ["api.throttling.ApiKeyThrottle", "api.throttling.ClientIpThrottle"]
API_THROTTLE_RATES = {
    "api_key": env("API_THROTTLE_KEY_RATE", default="1200/min"),   # per API key, wherever it calls from
    "client_ip": env("API_THROTTLE_IP_RATE", default="600/min"),   # per address, requests without a key
}
API_IDEMPOTENCY_HOURS = env.int("API_IDEMPOTENCY_HOURS", default=24)  # how long Idempotency-Key answers are kept
API_BULK_MAX_BYTES = env.int("API_BULK_MAX_BYTES", default=20 * 1024 * 1024)  # bulk ingest body, else 413
API_BULK_MAX_RECORDS = env.int("API_BULK_MAX_RECORDS", default=10_000)  # lines per bulk request, else 413

SPECTACULAR_SETTINGS = {
    "TITLE": "OER Hub API",
    "DESCRIPTION": (
        "Open learning materials and short courses of Vietnamese continuing-education centres "
        "(Kho học liệu mở GDTX). Errors are JSON `{\"code\", \"detail\"}` with a stable `code`; "
        "`detail` is in Vietnamese, or in English with `Accept-Language: en`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["api.views.documented_endpoints"],
    # Swagger UI and ReDoc from drf-spectacular-sidecar: the docs work without outside network.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# OAI-PMH data provider at /oai (oai/, docs/oai.md). The repository identifier is the domain
# in every record identifier (oai:<id>:resource/<pk>); harvesters key their copies on it, so
# choose it once. Tokens are stateless; OAI_TOKEN_LIFETIME is how long a harvester may pause.
OAI_REPOSITORY_ID = env("OAI_REPOSITORY_ID", default="oerhub.edu.vn")
OAI_ADMIN_EMAIL = env("OAI_ADMIN_EMAIL", default="admin@oerhub.edu.vn")
OAI_PAGE_SIZE = 100  # records or headers per ListRecords/ListIdentifiers response
OAI_TOKEN_LIFETIME = 24 * 60 * 60  # seconds
