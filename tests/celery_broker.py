"""Point the project's Celery app at another broker for one test, and back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from onestop.celery import app

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/6"


def _reconnect() -> None:
    """Drop the broker connections and producers made with the previous URL."""
    app.close()
    app.amqp._producer_pool = None


@contextmanager
def broker(url: str, *, eager: bool = False) -> Iterator[None]:
    saved = {"broker_url": app.conf.broker_url, "task_always_eager": app.conf.task_always_eager}
    app.conf.update(broker_url=url, task_always_eager=eager)
    _reconnect()
    try:
        yield
    finally:
        app.conf.update(saved)
        _reconnect()
