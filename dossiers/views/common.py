"""What every dossier page shares: fetching a visible dossier, role tests, paging, and
turning the workflow's domain errors into Vietnamese messages.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db import OperationalError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dossiers import permissions
from dossiers.exceptions import (
    DossierChanged,
    DossierConflict,
    DossierError,
    InvalidInput,
    is_write_lock_timeout,
)
from dossiers.models import Dossier
from dossiers.models.queryset import agencies_seen_by
from dossiers.pagination import CappedPaginator
from dossiers.revisions import parse_revision
from dossiers.uploads import UploadRejected
from onestop.bad_requests import InvalidRequest

PAGE_SIZE = 20
CHANGED_MESSAGE = gettext_lazy(
    "Hồ sơ vừa được thay đổi bởi người khác. Trang đã được tải lại với thông tin mới nhất; "
    "vui lòng kiểm tra rồi thao tác lại."
)

BAD_REVISION = gettext_lazy(
    "Biểu mẫu gửi lên không hợp lệ (số lần thay đổi của hồ sơ). Vui lòng tải lại trang hồ sơ "
    "rồi thao tác lại."
)


def visible_dossier(request: HttpRequest, pk: UUID, *related: str) -> Dossier:
    """The dossier `pk` if the caller may see it; a 404 otherwise, never a 403."""
    dossiers = Dossier.objects.visible_to(request.user).select_related(
        "procedure", "procedure_version", "receiving_agency", "handling_agency", *related
    )
    return get_object_or_404(dossiers, pk=pk)


def as_seen(dossier: Dossier, request: HttpRequest) -> Dossier:
    """The dossier as the user saw it when the form was drawn.

    The services refuse a change to a dossier whose revision moved since it was read, so
    giving them the revision the page showed makes a stale page fail as a concurrent change
    rather than silently act on a dossier the user has not seen. A revision that is not a
    number the page wrote is a tampered form: InvalidRequest (a 400 page).
    """
    try:
        seen = parse_revision(request.POST.get("revision", ""))
    except ValueError:
        raise InvalidRequest(BAD_REVISION) from None
    if seen is not None:
        dossier.revision = seen
    return dossier


def is_officer(user: Any) -> bool:
    return bool(agencies_seen_by(user))


def sees_status_codes(user: Any) -> bool:
    """Officers read a state with its national status code; citizens by its name only."""
    return getattr(user, "agency_id", None) is not None


def is_desk_officer(user: Any) -> bool:
    return permissions.can_take_at_counter(user)


def paginate(request: HttpRequest, queryset: QuerySet[Any]) -> Page:
    # Capped like the API's lists: an exact count of a province is a scan per page.
    return CappedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@contextlib.contextmanager
def domain_errors(request: HttpRequest, form: Any = None) -> Iterator[dict[str, bool]]:
    """Show a domain error as a message (or on `form`'s fields); the caller checks ``ok``.

    The returned dict's ``ok`` stays True when the block ran through, and ``changed`` tells
    that someone else changed the dossier meanwhile, so the caller can reload it.
    """
    outcome = {"ok": True, "changed": False}
    try:
        yield outcome
    except InvalidInput as exc:
        outcome["ok"] = False
        _show_invalid(request, form, exc.errors)
    except UploadRejected as exc:
        outcome["ok"] = False
        _show_invalid(request, form, {exc.field: exc.message})
    except DossierChanged:
        outcome.update(ok=False, changed=True)
        messages.error(request, CHANGED_MESSAGE)
    except OperationalError as exc:
        if not is_write_lock_timeout(exc):
            raise
        outcome.update(ok=False, changed=True)
        messages.error(request, CHANGED_MESSAGE)
    except (DossierConflict, DossierError) as exc:
        outcome["ok"] = False
        messages.error(request, exc.message)
    except PermissionDenied as exc:
        outcome["ok"] = False
        messages.error(request, str(exc) or _("Bạn không có quyền thực hiện thao tác này."))


def _show_invalid(request: HttpRequest, form: Any, errors: dict[str, str]) -> None:
    for name, text in errors.items():
        if form is not None and name in form.fields:
            form.add_error(name, text)
        elif form is not None:
            form.add_error(None, text)
        else:
            messages.error(request, text)
