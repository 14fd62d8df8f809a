"""Test settings: SQLite in memory unless DATABASE_URL points at PostgreSQL; fast hashing."""
from .base import *  # noqa: F401,F403
from .base import env

SECRET_KEY = "test-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///:memory:")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_BASE_URL = WAGTAILADMIN_BASE_URL
# Tests never hand tasks to a developer's real broker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://localhost/"
# The Elasticsearch backend talks to osmem-server in tests; osmem answers the client's
# "compatible-with=8" media type with 406, so tests use a node class that sends plain JSON.
ELASTICSEARCH_TEST_TRANSPORT = True
# Make writes visible to the next search at once (osmem does anyway; a real cluster needs it).
ELASTICSEARCH_REFRESH = True
# Webhook tests deliver to a receiver on 127.0.0.1.
WEBHOOK_ALLOW_PRIVATE_HOSTS = True
