"""WSGI entry point used by gunicorn in the scaled deployment."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oer_hub.settings.dev")
application = get_wsgi_application()
