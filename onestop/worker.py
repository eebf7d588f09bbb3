"""The Celery application for the worker and beat: ``celery -A onestop.worker worker``.

It reads the ``.env`` file first, as ``manage.py`` and the WSGI application do; Celery
reads Django's settings only when it first needs its configuration, after this.
"""

from onestop import env_file

env_file.load()

from onestop.celery import app  # noqa: E402

__all__ = ["app"]
