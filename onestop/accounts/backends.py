"""The sign-in lockout as an authentication backend (django-axes, docs/operations.md)."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class SignInLockoutBackend(AxesStandaloneBackend):
    """Refuses a locked (account, address) pair before any password is checked.

    Every sign-in over HTTP passes its request to ``authenticate``: Django's login view and
    admin through ``AuthenticationForm``, the token endpoint through DRF's serializer
    (tests/accounts/test_lockout.py proves all three lock). A call without a request comes
    from inside the process (the test client's ``login()``, the shell), has no client
    address to count, and is left to the next backend instead of raising as axes does.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        super().authenticate(request, username, password, **kwargs)
        return None
