"""One JSON shape for every API error.

Every error body is ``{"code": ..., "detail": ..., "errors": {...}}``: ``code`` is a stable
machine name, ``detail`` a sentence in the caller's language (Vietnamese by default) and
``errors`` maps each offending field to its messages (empty when no field is at fault).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler


class ApiErrorSerializer(serializers.Serializer):
    """The error shape as a schema component (``ApiError``), for every documented error."""

    code = serializers.CharField()
    detail = serializers.CharField()
    # A field of the error shape; the stubs take the name for Serializer.errors.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )


def handle_api_exception(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    response = exception_handler(exc, context)
    if response is None:
        return None

    if isinstance(exc, exceptions.ValidationError):
        fields = _as_field_errors(exc.detail)
        names = ", ".join(name for name in fields if name != "non_field_errors")
        detail = (
            _("Dữ liệu không hợp lệ: %(fields)s.") % {"fields": names}
            if names
            else _("Dữ liệu không hợp lệ.")
        )
        response.data = {"code": "invalid", "detail": detail, "errors": fields}
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        response.data = {
            "code": code if isinstance(code, str) else "error",
            "detail": str(getattr(exc, "detail", "")) or _("Đã xảy ra lỗi."),
            "errors": {},
        }
    return response


def _as_field_errors(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(name): _flatten(messages) for name, messages in detail.items()}
    return {"non_field_errors": _flatten(detail)}


def _flatten(messages: Any) -> list[str]:
    if isinstance(messages, dict):
        return [f"{key}: {text}" for key, value in messages.items() for text in _flatten(value)]
    if isinstance(messages, list):
        return [text for item in messages for text in _flatten(item)]
    return [str(messages)]
