"""Domain errors of the dossier workflow, each with a message fit to show the user.

The API maps them to HTTP statuses (see ``dossiers.api.views``): DossierChanged and
TransitionNotAllowed to 409, InvalidInput and UploadRejected to 400. Permission problems
are Django's own PermissionDenied (403).
"""

from __future__ import annotations

from django.db import OperationalError
from django.utils.translation import gettext_lazy as _


class DossierError(Exception):
    default_message = _("Không thực hiện được thao tác trên hồ sơ.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message or self.default_message)
        super().__init__(self.message)


class DossierConflict(DossierError):
    """The dossier is not in a state where this can happen (HTTP 409)."""


class DossierChanged(DossierConflict):
    default_message = _(
        "Hồ sơ vừa được thay đổi bởi người khác. Vui lòng tải lại hồ sơ rồi thao tác lại."
    )


class TransitionNotAllowed(DossierConflict):
    default_message = _("Trạng thái hiện tại của hồ sơ không cho phép thao tác này.")


class InvalidInput(DossierError):
    """Bad input: `errors` maps each field to its message (HTTP 400)."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = {name: str(text) for name, text in errors.items()}
        super().__init__("; ".join(self.errors.values()))


def is_write_lock_timeout(exc: BaseException) -> bool:
    """SQLite's "database is locked": another request kept the write lock past the busy
    timeout. Like DossierChanged, it means someone else was changing things at that moment,
    and the answer is the same: reload and try again (409), not a server error.
    """
    return isinstance(exc, OperationalError) and str(exc).startswith(
        ("database is locked", "database table is locked")
    )


class UploadRejected(Exception):
    """The upload is refused; `message` says why, in the user's language (HTTP 400)."""

    def __init__(self, message: str, field: str = "file") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


__all__ = [
    "DossierChanged",
    "DossierConflict",
    "DossierError",
    "InvalidInput",
    "TransitionNotAllowed",
    "UploadRejected",
    "is_write_lock_timeout",
]
