"""Celery application for background work; without REDIS_URL it runs every task in-process, at once."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oer_hub.settings.dev")

app = Celery("oer_hub")
app.config_from_object("django.conf:settings", namespace="CELERY")

# Broker, eager mode and delivery options are Django settings (CELERY_* in settings/base.py).
app.autodiscover_tasks()
