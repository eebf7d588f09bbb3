"""What a locked-out sign-in sees (django-axes decides who is locked; docs/operations.md).

After ``SIGN_IN_FAILURE_LIMIT`` wrong passwords for one account from one client address,
that account cannot sign in from that address until ``SIGN_IN_LOCKOUT_MINUTES`` after the
last failure. Other accounts at the same address (colleagues behind one office gateway) and
the same account elsewhere are not affected. Pages get a Vietnamese page, the API its JSON
error; both say when to try again and how to reach the help desk.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from rest_framework import exceptions, status

LOCKED_OUT_STATUS = status.HTTP_429_TOO_MANY_REQUESTS


def retry_at(request: Any) -> datetime:
    """When the lock ends: the cool-off counted from this (failed) attempt."""
    attempted: datetime = getattr(request, "axes_attempt_time", None) or timezone.now()
    cool_off: timedelta = get_cool_off(request) or timedelta(0)
    return attempted + cool_off


def cool_off_seconds(request: Any) -> int:
    cool_off: timedelta = get_cool_off(request) or timedelta(0)
    return max(1, math.ceil(cool_off.total_seconds()))


def cool_off_minutes(request: Any) -> int:
    return max(1, math.ceil(cool_off_seconds(request) / 60))


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The sign-in page's answer once axes has locked the account at this address
    (``AXES_LOCKOUT_CALLABLE``); the API answers through ``SignInLocked`` instead.
    """
    context = {
        "retry_at": timezone.localtime(retry_at(request)),
        "minutes": cool_off_minutes(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "accounts/locked_out.html", context, status=LOCKED_OUT_STATUS)


class SignInLocked(exceptions.APIException):
    """The token endpoint's lockout, in the API's error shape with ``Retry-After``."""

    status_code = LOCKED_OUT_STATUS
    default_code = "locked_out"

    def __init__(self, request: Any) -> None:
        until = retry_at(request)
        self.wait = cool_off_seconds(request)  # the lock was just (re)started by this attempt
        super().__init__(
            _(
                "Đã đăng nhập sai %(limit)s lần nên tài khoản tạm bị khóa từ địa chỉ này. "
                "Vui lòng thử lại sau %(time)s (khoảng %(minutes)s phút). Cần hỗ trợ, "
                "gọi đường dây nóng %(hotline)s hoặc gửi thư tới %(email)s."
            )
            % {
                "limit": settings.AXES_FAILURE_LIMIT,
                "time": date_format(timezone.localtime(until), "H:i d/m/Y"),
                "minutes": cool_off_minutes(request),
                "hotline": settings.PORTAL_HOTLINE,
                "email": settings.PORTAL_EMAIL,
            }
        )
