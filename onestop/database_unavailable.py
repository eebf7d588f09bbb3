"""Answer at once, with a 503, when the database cannot be reached.

Without this a request whose database is gone waits for every query's connection attempt in
turn and ends in a 500 a minute later. With a short connect and pool timeout (settings,
``DATABASE_CONNECT_TIMEOUT`` and ``DATABASE_POOL_TIMEOUT``) the first query fails within
seconds, and the middleware turns that failure into a Vietnamese 503 page, or the API's
JSON error for ``/api/``, instead of letting the rest of the request try again.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.defaults import server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# SQLSTATE classes of a lost or refused connection: 08 connection exception, 57P0x shutdown
# or startup in progress. A failure with no SQLSTATE at all never reached the server.
UNREACHABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03")


def database_unreachable(exc: BaseException | None) -> bool:
    """Whether `exc` says the database could not be reached, rather than that a query
    failed (a lock timeout or a constraint answers with its own SQLSTATE).
    """
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    try:
        import psycopg
    except ImportError:  # SQLite only: its file is always "reachable"
        return False
    for cause in _causes(exc):
        if isinstance(cause, psycopg.OperationalError | psycopg.InterfaceError):
            state = cause.sqlstate
            return state is None or state.startswith(UNREACHABLE_SQLSTATES)
    return False


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: BaseException | None = exc.__cause__ or exc.__context__
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 answer; renders without touching the database (no user, no session)."""
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "code": "database_unavailable",
                "detail": _("Hệ thống tạm thời gián đoạn. Vui lòng thử lại sau ít phút."),
                "errors": {},
            },
            status=503,
        )
    else:
        context = {"PORTAL_HOTLINE": settings.PORTAL_HOTLINE, "PORTAL_EMAIL": settings.PORTAL_EMAIL}
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Turns an unreachable database into an immediate 503 (place it near the top)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not database_unreachable(exception):
            return None
        logger.error("Database unreachable: %s", exception)
        return unavailable_response(request)


def server_error_or_unavailable(request: HttpRequest) -> HttpResponse:
    """``handler500``: the 503 answer for a database failure outside a view (a middleware's
    session save, say), Django's own 500 page for anything else.
    """
    if database_unreachable(sys.exc_info()[1]):
        return unavailable_response(request)
    return server_error(request)
