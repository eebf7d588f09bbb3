"""The outbox flush: what it sends, what it leaves alone, what it forgets."""

from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.db import transaction

from onestop.celery import app
from onestop.outbox import queue
from onestop.outbox.models import OutboxTask
from tests.outages import CLOSED_PORT_BROKER, broker


@app.task(name="tests.outbox.remember")
def remember(value: str) -> str:
    remembered.append(value)
    return value


remembered: list[str] = []


@pytest.fixture(autouse=True)
def nothing_remembered() -> None:
    remembered.clear()


def waiting(**fields: object) -> OutboxTask:
    return OutboxTask.objects.create(task_name=remember.name, args=["hello"], **fields)


def test_a_rolled_back_change_queues_nothing(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue.enqueue_on_commit(remember, "lost")
        raise RuntimeError
    assert not OutboxTask.objects.exists() and remembered == []


def test_a_committed_change_runs_its_task_and_marks_it_sent(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = queue.enqueue_on_commit(remember, "kept")
    row.refresh_from_db()
    assert remembered == ["kept"] and row.sent_at is not None and row.attempts == 1


def test_a_row_not_yet_tried_waits_for_its_request_to_queue_it(db, frozen_clock):
    waiting()
    assert queue.flush().sent == 0
    frozen_clock.advance(timedelta(seconds=settings.TASK_OUTBOX_GRACE_SECONDS + 1))
    assert queue.flush().sent == 1 and remembered == ["hello"]


def test_a_failed_row_is_retried_at_once_and_its_error_kept_until_then(db):
    row = waiting(attempts=1, last_error="OperationalError: down")
    with broker(CLOSED_PORT_BROKER):
        assert queue.flush().failed == 1
    row.refresh_from_db()
    assert row.attempts == 2 and "127.0.0.1:1" in row.last_error and row.sent_at is None
    assert queue.flush().sent == 1
    row.refresh_from_db()
    assert row.last_error == "" and row.sent_at is not None


def test_sent_rows_are_forgotten_after_the_keeping_period(db, frozen_clock):
    now = frozen_clock.now
    old = waiting(sent_at=now - timedelta(days=settings.TASK_OUTBOX_KEEP_DAYS, hours=1))
    recent = waiting(sent_at=now - timedelta(days=1))
    assert queue.flush().purged == 1
    assert list(OutboxTask.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not OutboxTask.objects.filter(pk=old.pk).exists()


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis: set REDIS_URL")
def test_the_flush_hands_the_task_to_a_real_broker(db):
    connection = redis.Redis.from_url(settings.REDIS_URL)
    connection.delete("celery")
    row = waiting(attempts=1, last_error="OperationalError: down")
    try:
        with broker(settings.REDIS_URL):
            assert queue.flush().sent == 1
        assert connection.llen("celery") == 1
        assert remember.name.encode() in connection.lindex("celery", 0)
    finally:
        connection.delete("celery")
    row.refresh_from_db()
    assert row.sent_at is not None and remembered == []  # queued for a worker, not run here
