"""The address a request comes from, as every limit and lockout must see it.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only as far
as the proxies we run: each trusted proxy appends the address it received the request from,
so with ``TRUSTED_PROXY_COUNT`` proxies the client is the N-th entry from the right. Entries
further left were supplied by the client and are ignored. With no trusted proxy (the
default) the header is ignored altogether and the address is the socket's ``REMOTE_ADDR``.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's IP address: ``REMOTE_ADDR`` or, behind trusted proxies, the forwarded
    entry the outermost trusted proxy wrote. Never a value the client alone chose.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies: int = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if not forwarded:
        return remote
    candidate = forwarded[-min(proxies, len(forwarded))]
    return candidate if _is_ip_address(candidate) else remote


def _is_ip_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
