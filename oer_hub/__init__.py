"""OER Hub project package: settings, URL configuration, WSGI/ASGI entry points and the Celery app."""
# Importing the Celery app here makes @shared_task use it in every process (web, worker, shell).
from .celery import app as celery_app

__all__ = ("celery_app",)
