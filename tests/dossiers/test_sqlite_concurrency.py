"""The embedded default under concurrency: `make run` serves a SQLite file from a threaded
server, and sixteen officers pressing "accept" on one dossier at once must get one success
and fifteen conflicts, never a 500 ("database is locked").

Whatever database the rest of the suite uses, these tests start child processes on a
SQLite file of their own: the real server on a free port, and a script that holds SQLite's
write lock while a request waits for it.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
OFFICERS = 16


def sqlite_env(database: Path, **extra: str) -> dict[str, str]:
    """The embedded default on `database`: no Redis, tasks in-process, mail kept in memory."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ONESTOP_")}
    env.update(
        DJANGO_SETTINGS_MODULE="onestop.settings",
        DJANGO_ENV="development",
        DJANGO_DEBUG="false",
        DATABASE_URL=f"sqlite:///{database}",
        REDIS_URL="",
        CELERY_BROKER_URL="memory://",
        CELERY_TASK_ALWAYS_EAGER="true",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        **extra,
    )
    return env


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A migrated SQLite file with one submitted dossier and its desk officers, copied by
    each test: migrating is the slow part.
    """
    template = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    output = run(
        ["-m", "tests.dossiers.sqlite_server", "prepare", str(OFFICERS)], sqlite_env(template)
    )
    return template, json.loads(output.strip().splitlines()[-1])


@pytest.fixture
def database(prepared: tuple[Path, dict[str, Any]], tmp_path: Path) -> Path:
    copy = tmp_path / "onestop.sqlite3"
    shutil.copyfile(prepared[0], copy)
    return copy


@pytest.fixture
def seeded(prepared: tuple[Path, dict[str, Any]]) -> dict[str, Any]:
    return prepared[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(database: Path, tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """`manage.py runserver` (threaded, as `make run` starts it) on a free port."""
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "runserver",
            "--noreload",
            "--skip-checks",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=sqlite_env(database),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(port, process)
        yield port, tmp_path / "server.log"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped while starting"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("the server did not start within 30 s")


def press_accept_at_once(port: int, dossier: str, tokens: list[str]) -> list[int]:
    """POST accept with every token at the same instant; the statuses in token order."""
    start = threading.Barrier(len(tokens))
    statuses = [0] * len(tokens)

    def press(index: int, token: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.connect()
        start.wait()
        connection.request(
            "POST",
            f"/api/v1/dossiers/{dossier}/accept/",
            body="{}",
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        statuses[index] = connection.getresponse().status
        connection.close()

    threads = [threading.Thread(target=press, args=pair) for pair in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    return statuses


def test_sixteen_officers_accepting_at_once_get_one_success_and_fifteen_conflicts(
    seeded: dict[str, Any], server: tuple[int, Path]
) -> None:
    port, log = server
    statuses = press_accept_at_once(port, seeded["dossier"], seeded["tokens"])
    assert sorted(statuses) == [200] + [409] * (OFFICERS - 1), (statuses, log.read_text()[-3000:])


def test_a_request_that_cannot_get_the_write_lock_is_a_conflict_not_a_500(
    database: Path, seeded: dict[str, Any]
) -> None:
    """If SQLite still answers "database is locked" (the busy timeout ran out), the officer
    is told the dossier is busy, as for any concurrent change, and nothing changes.
    """
    output = run(
        ["-m", "tests.dossiers.sqlite_server", "locked", seeded["dossier"], seeded["usernames"][0]],
        sqlite_env(database, SQLITE_BUSY_TIMEOUT="0.2"),
    )
    answers = json.loads(output.strip().splitlines()[-1])
    assert answers == {"api": 409, "api_code": "dossier_changed", "page": 302, "state": "submitted"}
