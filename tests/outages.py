"""Redis and the broker taken away: a cache on a closed port, and the project's Celery app
pointed at another broker for one test, and back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from onestop.celery import app

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/6"
# Every call fails at once with a connection error, as when Redis is stopped.
CLOSED_PORT_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/6",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
    }
}


def _reconnect() -> None:
    """Drop the broker connections and producers made with the previous URL.

    Not ``app.close()``: that also unregisters the app, and tasks imported afterwards would
    no longer be added to it.
    """
    app._pool = None  # not closed: kombu's shared producer pools may still hand it out
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
