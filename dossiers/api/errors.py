"""Domain errors of the dossier workflow as API errors (shaped by onestop.api_errors)."""

from __future__ import annotations

import django_fsm
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from dossiers.exceptions import (
    DossierChanged,
    DossierConflict,
    InvalidInput,
    TransitionNotAllowed,
    is_write_lock_timeout,
)
from dossiers.uploads import UploadRejected


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Trạng thái hiện tại của hồ sơ không cho phép thao tác này.")
    default_code = "conflict"


def as_api_error(exc: Exception) -> Exception:
    """The DRF exception for a domain error; any other exception unchanged."""
    if isinstance(exc, InvalidInput):
        return exceptions.ValidationError({name: [text] for name, text in exc.errors.items()})
    if isinstance(exc, UploadRejected):
        return exceptions.ValidationError({exc.field: [exc.message]})
    if isinstance(exc, DossierChanged | django_fsm.ConcurrentTransition) or is_write_lock_timeout(
        exc
    ):
        return Conflict(DossierChanged().message, code="dossier_changed")
    if isinstance(exc, DossierConflict):
        return Conflict(exc.message, code="not_allowed_now")
    if isinstance(exc, django_fsm.TransitionNotAllowed):
        return Conflict(TransitionNotAllowed().message, code="not_allowed_now")
    return exc


class DomainErrorsMixin:
    """For API views calling dossier services: domain errors become 400 / 409 answers."""

    # Read by onestop.api_schema: this view's writes may answer 409.
    answers_conflicts = True

    def handle_exception(self, exc: Exception) -> Response:
        return super().handle_exception(as_api_error(exc))  # type: ignore[misc]
