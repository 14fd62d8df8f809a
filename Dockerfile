# OER Hub web and worker image: gunicorn serves oer_hub.wsgi on $PORT with the production settings.
# Ảnh chạy web (gunicorn) và worker (Celery) với cấu hình production.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=oer_hub.settings.production \
    PORT=8000

# Runtime libraries: libmagic1 for python-magic (upload sniffing), gettext for compilemessages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libmagic1 gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Static files and translations are built into the image. The secret and hosts below exist
# only for these build commands; the running container must get real ones from its environment.
RUN export DJANGO_SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=localhost \
 && python manage.py collectstatic --noinput --verbosity 0 \
 && if find . -name '*.po' -path '*/locale/*' | grep -q .; then python manage.py compilemessages --verbosity 0; fi

# Run as an unprivileged user; var/media is the upload volume when S3 is not used.
RUN useradd --system --uid 10001 --gid 0 --home-dir /app --no-create-home oerhub \
 && mkdir -p /app/var/media \
 && chown -R oerhub:0 /app/var
USER oerhub

EXPOSE 8000
# WEB_CONCURRENCY (gunicorn's own variable) sets the number of worker processes.
CMD ["sh", "-c", "exec gunicorn oer_hub.wsgi --bind 0.0.0.0:${PORT} --access-logfile - --forwarded-allow-ips='*' --timeout 120"]
