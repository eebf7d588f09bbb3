"""The signed-in user of a request, typed as the project's user model."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from django.http import HttpRequest
    from rest_framework.request import Request

    from onestop.accounts.models import User


def signed_in_user(request: HttpRequest | Request) -> User:
    """`request.user` in a view that only signed-in users reach."""
    return cast("User", request.user)
