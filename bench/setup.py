"""Point Django at a database of its own for benchmarks, so the demo data stays untouched.

PostgreSQL (database ``onestop_bench``) when a local server answers or ``BENCH_DATABASE_URL``
is set, else a SQLite file under ``var/``. Call :func:`configure` before importing models.
"""

import os
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/onestop_bench"


def _postgres_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return False
    return True


def _ensure_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def configure() -> str:
    """Set up Django on the benchmark database, migrated; returns the database vendor."""
    url = os.environ.get("BENCH_DATABASE_URL") or (
        LOCAL_POSTGRES if _postgres_answers() else f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    )
    if url.startswith("postgres"):
        _ensure_postgres_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestop.settings")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1")

    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0)
    return connection.vendor
