"""A dead Redis or broker costs a request a fraction of a second, not a TCP timeout."""

import pytest
from django.conf import settings
from django.core.cache import caches

from onestop.celery import app
from onestop.outbox.queue import task_named


@pytest.mark.skipif(not settings.REDIS_URL, reason="the cache is Redis only with REDIS_URL")
def test_the_redis_cache_gives_up_within_a_second():
    pool = caches["default"]._cache._get_connection_pool(write=True)
    assert 0 < pool.connection_kwargs["socket_connect_timeout"] <= 1
    assert 0 < pool.connection_kwargs["socket_timeout"] <= 1


def test_publishing_to_a_dead_broker_gives_up_within_two_seconds():
    policy = app.conf.task_publish_retry_policy
    retrying = policy["max_retries"] * policy["interval_max"]
    assert app.conf.broker_connection_timeout + retrying <= 2
    assert app.conf.broker_transport_options["socket_connect_timeout"] <= 1


def test_beat_flushes_the_task_outbox():
    (entry,) = [e for e in app.conf.beat_schedule.values() if "outbox" in e["task"]]
    assert entry["schedule"] <= 300
    # Found by name even in a process that has not imported the tasks module yet.
    assert task_named(entry["task"]).name == entry["task"]
