"""The settings behave as the README promises, embedded and in production."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "x7#kq!2vP9zL0mWf4tY8rB1nE6uJ3hS5aD-production-test-key",
            "DJANGO_ALLOWED_HOSTS": "motcua.example.gov.vn",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage(
        "check", env={"DJANGO_ENV": "production", "DJANGO_ALLOWED_HOSTS": "example.vn"}
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_embedded_defaults_need_nothing_installed():
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='onestop.settings'; "
        "django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, "
        "s.DEBUG, s.ALLOWED_HOSTS, s.LANGUAGE_CODE, s.TIME_ZONE)"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "EMAIL_"))
    }
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True
    ).stdout.split()
    assert output[0] == "django.db.backends.sqlite3"
    assert output[1] == "True"  # Celery tasks run in-process
    assert output[2] == "django.core.mail.backends.console.EmailBackend"
    assert output[3] == "True"
    assert "'127.0.0.1'," in output[4] and "example" not in " ".join(output)
    assert output[-2:] == ["vi", "Asia/Ho_Chi_Minh"]


def test_compose_file_runs_every_service_from_one_image():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    app_images = {services[name]["image"] for name in ("web", "worker", "beat")}
    assert app_images == {"onestop:latest"}
    assert all(services[name]["build"] == "." for name in ("web", "worker", "beat"))
    assert "celery -A onestop worker" in services["worker"]["command"]
    assert "celery -A onestop beat" in services["beat"]["command"]
    assert "gunicorn" in services["web"]["command"]
