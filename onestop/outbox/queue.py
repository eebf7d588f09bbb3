"""Queue a task on commit without letting a broker outage undo, or fail, the change."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from celery import Task
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from onestop.celery import app
from onestop.outbox.models import OutboxTask

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FlushResult:
    sent: int
    failed: int
    purged: int


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> OutboxTask:
    """Run `task` with JSON-serialisable `args` and `kwargs` once the transaction commits.

    The row is written in the caller's transaction, so a rolled-back change queues nothing
    and a committed one cannot lose its task. Queuing happens after the commit and never
    raises: a broker that is down leaves the row for :func:`flush`. Tasks must be
    idempotent, since a row may be queued twice (a crash between queuing and marking it).
    """
    row = OutboxTask.objects.create(task_name=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: send(row))
    return row


def send(row: OutboxTask) -> bool:
    """Hand `row`'s task to the broker (or run it, with tasks in-process); True on success.

    Any error is recorded on the row rather than raised: this runs after a commit, where
    an exception would turn a change that stands into an error page.
    """
    try:
        task_named(row.task_name).apply_async(args=row.args, kwargs=row.kwargs)
    except Exception as exc:
        logger.warning("task %s #%s not queued: %s", row.task_name, row.pk, exc, exc_info=True)
        OutboxTask.objects.filter(pk=row.pk).update(
            attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        return False
    OutboxTask.objects.filter(pk=row.pk).update(
        attempts=F("attempts") + 1, sent_at=timezone.now(), last_error=""
    )
    return True


def task_named(name: str) -> Task:
    """The registered task `name`; raises KeyError for a task no app defines.

    A web process or a command has imported only the tasks its code used so far; the
    worker's autodiscovery of every app's ``tasks.py`` is run here on first need.
    """
    if name not in app.tasks:
        app.loader.import_default_modules()
    return app.tasks[name]


def flush(*, limit: int = 500) -> FlushResult:
    """Queue up to `limit` unsent tasks, oldest first, and delete those sent long ago.

    A row whose first try has not happened yet is left alone for
    ``TASK_OUTBOX_GRACE_SECONDS``: its request may still be queuing it. Each row is locked
    while it is sent (skipped if locked), so two flushes at once send it once.
    """
    now = timezone.now()
    waiting = OutboxTask.objects.filter(sent_at__isnull=True).filter(
        Q(attempts__gt=0)
        | Q(created_at__lte=now - timedelta(seconds=settings.TASK_OUTBOX_GRACE_SECONDS))
    )
    sent = failed = 0
    for pk in waiting.values_list("pk", flat=True)[:limit]:
        with transaction.atomic():
            row = (
                OutboxTask.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if row is None:  # another flush has it, or sent it meanwhile
                continue
            if send(row):
                sent += 1
            else:
                failed += 1
    kept_since = now - timedelta(days=settings.TASK_OUTBOX_KEEP_DAYS)
    purged, _ = OutboxTask.objects.filter(sent_at__lt=kept_since).delete()
    return FlushResult(sent=sent, failed=failed, purged=purged)
