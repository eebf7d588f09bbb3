"""Requests refused before any view runs, and the 400 and 404 answers of the whole site.

A NUL character cannot be stored in PostgreSQL text and has no place in a URL, so one
middleware refuses it in the path and the query string, whatever view would have read
them. Error answers under ``/api/`` are in the API's JSON shape (``onestop.api_errors``),
including those of URLs no API route matches; the pages get the portal's own pages.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core import validators
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions

API_PREFIX = "/api/"
NUL_IN_URL = gettext_lazy("Địa chỉ hoặc tham số tìm kiếm chứa ký tự NUL không hợp lệ.")
NUL_IN_FIELD = gettext_lazy("Không được chứa ký tự NUL.")


def name_nul_characters_in_the_portals_language() -> None:
    """Give the validator behind every Django and DRF text field a message of our own.

    Its English message has no Vietnamese translation in Django's catalogue, so a form
    refusing a NUL character would answer in English on a Vietnamese page.
    """
    validators.ProhibitNullCharactersValidator.message = NUL_IN_FIELD


class InvalidRequest(BadRequest):
    """A request refused with a message fit to show its sender (HTTP 400)."""


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def api_error(code: str, detail: str, status: int) -> JsonResponse:
    body = {"code": code, "detail": detail, "errors": {}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


class RefuseNulBytesMiddleware:
    """Answer 400 to a path or query string holding a NUL character (raw or ``%00``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "\x00" in query or "%00" in query:
            # Answered here rather than raised: with DEBUG on Django would show its
            # technical page instead of handler400.
            return bad_request(request, InvalidRequest(NUL_IN_URL))
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: the reason when it was written for the user, else a general one."""
    message = str(exception) if isinstance(exception, InvalidRequest) else ""
    if is_api(request):
        return api_error("invalid", message or _("Yêu cầu không hợp lệ."), 400)
    return render(request, "400.html", {"message": message}, status=400)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: JSON under /api/ even where no route matched, the page elsewhere."""
    if is_api(request):
        return api_not_found(request)
    return defaults.page_not_found(request, exception)


@csrf_exempt  # it changes nothing; a POST to a wrong address is a 404, not a CSRF page
def api_not_found(request: HttpRequest) -> HttpResponse:
    """The last route under /api/: what no API route matches is the API's JSON 404, also
    with DEBUG on, where Django would otherwise answer its technical HTML page.
    """
    return api_error("not_found", str(exceptions.NotFound.default_detail), 404)
