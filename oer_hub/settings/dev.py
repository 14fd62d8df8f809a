"""Embedded default for one machine: SQLite, files on disk, debug pages, no other services."""
from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed key is acceptable only here: the embedded default serves 127.0.0.1.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
