"""The OpenAPI schema states every answer an operation can give, errors included.

drf-spectacular documents an operation's success from its serializer. The error answers
come from what every API view shares (authentication, permissions, throttles, filters,
pagination, path lookups, the dossier workflow's conflicts), so they are added here for
each operation in the one error shape of ``onestop.api_errors`` rather than listed by hand
on each view, where one would be forgotten.
"""

from __future__ import annotations

from typing import Any

import uritemplate
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from onestop.api_errors import ApiErrorSerializer

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
ERROR_DESCRIPTIONS = {
    400: "Thiếu hoặc sai dữ liệu: `code` là `invalid`, `errors` nêu từng trường "
    "(cả ký tự NUL trong địa chỉ hoặc tham số)",
    401: "Chưa đăng nhập, hoặc token không đúng",
    403: "Không có quyền thực hiện (hoặc thiếu CSRF khi dùng phiên đăng nhập)",
    404: "Không có hoặc không được xem (cả trang danh sách vượt quá số trang)",
    409: "Trạng thái hồ sơ không cho phép, hoặc hồ sơ vừa bị người khác thay đổi",
    415: "Nội dung gửi lên không thuộc các kiểu được nhận (Content-Type)",
    429: "Gửi quá nhiều yêu cầu; thử lại sau số giây trong `Retry-After`",
}


def error_response(code: int) -> OpenApiResponse:
    return OpenApiResponse(ApiErrorSerializer, description=ERROR_DESCRIPTIONS[code])


class PortalAutoSchema(AutoSchema):
    """Adds to each operation the error statuses its view can answer."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        # Overridden here rather than in get_response_serializers, which @extend_schema
        # replaces on each view it decorates. Errors are always JSON, downloads included.
        responses = super()._get_response_bodies(direction)
        for code in self.error_statuses():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    error_response(code), str(code), ["application/json"], direction
                )
        return responses

    def error_statuses(self) -> list[int]:
        """The error statuses this operation answers, from what its view is made of."""
        view = self.view
        writes = self.method not in SAFE_METHODS
        is_list = self.method == "GET" and self._is_list_view()
        # Any request may be refused for a NUL character in its address or query string
        # (onestop.bad_requests), besides bad bodies and filter values.
        statuses = [400]
        if view.get_authenticators():
            # A wrong or expired token is refused even where no sign-in is needed.
            statuses.append(401)
        if writes:
            # Permissions, and CSRF for callers who use the session cookie.
            statuses.append(403)
        if uritemplate.variables(self.path) or (is_list and self._get_paginator()):
            # A missing or invisible object, or a page number past the last page.
            statuses.append(404)
        if writes and getattr(view, "answers_conflicts", False):
            statuses.append(409)
        if writes:
            # A body in a type the view's parsers do not read.
            statuses.append(415)
        if view.get_throttles():
            statuses.append(429)
        return statuses
