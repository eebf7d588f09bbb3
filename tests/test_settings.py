"""The settings behave as the README promises, embedded and in production."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A management command on the settings alone: django-admin reads no `.env` file."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "onestop.settings"},
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


# --- A developer's `.env` -------------------------------------------------------------------

PRODUCTION_ENV_FILE = """DJANGO_ENV=production
DJANGO_SECRET_KEY=x7#kq!2vP9zL0mWf4tY8rB1nE6uJ3hS5aD-from-the-env-file
DJANGO_ALLOWED_HOSTS=motcua.example.gov.vn
PORTAL_NAME=Cổng của tệp env
"""

SETTINGS_PROBE = """
from pathlib import Path

import onestop
from django.conf import settings


def test_settings_are_the_test_defaults():
    assert Path(onestop.__file__).resolve().is_relative_to(Path.cwd().resolve())
    print("SETTINGS", settings.PRODUCTION, settings.PORTAL_NAME)
    assert not settings.PRODUCTION and not getattr(settings, "SECURE_SSL_REDIRECT", False)
    assert settings.SECRET_KEY == "onestop-development-only-not-secret"
    assert "testserver" in settings.ALLOWED_HOSTS
    assert settings.PORTAL_NAME == "Cổng Dịch vụ công Một Cửa"
"""


PROBE_ARGS = ["--ds=onestop.settings", "test_probe.py"]


@pytest.fixture
def project_with_production_env_file(tmp_path: Path) -> Path:
    """A copy of the project's code with `.env.example`-like production values beside it."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "onestop", copy / "onestop", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    (copy / ".env").write_text(PRODUCTION_ENV_FILE, encoding="utf-8")
    return copy


def environment_without_settings() -> dict[str, str]:
    prefixes = ("DJANGO_", "DATABASE_", "PORTAL_", "ONESTOP_", "PYTEST_")
    return {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}


def test_a_production_env_file_does_not_change_the_test_settings(project_with_production_env_file):
    project = project_with_production_env_file
    (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (project / "test_probe.py").write_text(SETTINGS_PROBE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-qs", "-p", "no:cacheprovider", *PROBE_ARGS],
        cwd=project,
        env=environment_without_settings(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SETTINGS False Cổng Dịch vụ công Một Cửa" in result.stdout


@pytest.mark.parametrize(
    "entry_point",
    [
        ["manage.py", "shell", "-c", "from django.conf import settings as s; print(s.PORTAL_NAME)"],
        ["-c", "import onestop.wsgi; from django.conf import settings as s; print(s.PORTAL_NAME)"],
        [
            "-c",
            "import onestop.worker; from django.conf import settings as s; print(s.PORTAL_NAME)",
        ],
    ],
    ids=["manage.py", "wsgi", "celery"],
)
def test_the_product_reads_the_env_file_where_it_starts(
    project_with_production_env_file, entry_point
):
    result = subprocess.run(
        [sys.executable, *entry_point],
        cwd=project_with_production_env_file,
        env=environment_without_settings(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "Cổng của tệp env"
