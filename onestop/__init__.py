"""Một Cửa: the one-stop administrative procedure portal."""

from onestop.celery import app as celery_app

__all__ = ["celery_app"]
