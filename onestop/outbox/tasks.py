"""The periodic flush of the task outbox (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from onestop.outbox import queue


@shared_task(name="onestop.outbox.flush_task_outbox")
def flush_task_outbox() -> dict[str, int]:
    """Queue the tasks the broker missed; the counts go to the worker's log."""
    result = queue.flush()
    return {"sent": result.sent, "failed": result.failed, "purged": result.purged}
