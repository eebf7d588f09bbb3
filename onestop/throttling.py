"""Rate limits keyed on the client address, and what they do when the cache is down.

Every throttle counts per ``onestop.client_address.client_address``, so a forged
``X-Forwarded-For`` cannot open a fresh budget. The counters live in the cache (Redis in
production). When the cache cannot be reached, a limit protecting a secret fails closed
(sign-in is refused with a clear message rather than left unlimited) and a limit on public
reads fails open (tracking keeps answering, unlimited, until the cache is back).
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils.translation import gettext_lazy as _
from redis.exceptions import RedisError
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from onestop.client_address import client_address

logger = logging.getLogger(__name__)

# What a cache backend raises when its server is gone (Redis, or a socket-level failure).
CACHE_ERRORS: tuple[type[Exception], ...] = (RedisError, OSError)


class SignInUnavailable(exceptions.APIException):
    """Sign-in refused because attempts cannot be counted right now."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _(
        "Hệ thống tạm thời không thể kiểm tra số lần đăng nhập nên chưa cho phép đăng nhập. "
        "Vui lòng thử lại sau ít phút."
    )
    default_code = "sign_in_unavailable"


class ClientAddressThrottle(SimpleRateThrottle):
    """A per-address limit named by ``scope`` in ``DEFAULT_THROTTLE_RATES``.

    Subclasses say what happens when the cache is down with ``fail_open``.
    """

    fail_open: bool = True

    def get_rate(self) -> str | None:
        # Read at call time: DRF binds the class attribute at import, before test overrides.
        rate = api_settings.DEFAULT_THROTTLE_RATES[str(self.scope)]
        return None if rate is None else str(rate)

    def get_ident(self, request: Any) -> str:
        return client_address(request)

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request: Any, view: Any) -> bool:
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS:
            return self.cache_unavailable()

    def cache_unavailable(self) -> bool:
        if self.fail_open:
            logger.warning("Cache unreachable: the %s limit is not applied", self.scope)
            return True
        logger.warning("Cache unreachable: refusing requests under the %s limit", self.scope)
        raise SignInUnavailable()

    def wait(self) -> float | None:
        # allow_request() set self.history when it refused; it is empty if the cache failed.
        return super().wait() if getattr(self, "history", None) else None


class LoginThrottle(ClientAddressThrottle):
    """Sign-in attempts per address (``login`` rate); refuses sign-in with the cache down."""

    scope = "login"
    fail_open = False


class TrackingThrottle(ClientAddressThrottle):
    """Public tracking lookups per address (``tracking`` rate), shared by the page and the
    API so one address has one budget; keeps answering with the cache down.
    """

    scope = "tracking"
    fail_open = True
