# One image for web, worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_ENV=production

# WeasyPrint renders slips with Pango and HarfBuzz; gettext compiles translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY onestop ./onestop
COPY procedures ./procedures
COPY dossiers ./dossiers
COPY feedback ./feedback
RUN pip install --no-cache-dir -c constraints.txt .

COPY . .
# collectstatic needs settings but no real secrets or database.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && python manage.py compilemessages --ignore ".venv/*" \
    && useradd --system --uid 1000 onestop \
    && mkdir -p /app/var/media && chown -R onestop /app/var

USER onestop
EXPOSE 8000
CMD ["gunicorn", "onestop.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
