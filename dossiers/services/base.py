"""What every dossier service does around its transition: authorize, lock, transition,
save, append the event, and notify the applicant once the transaction commits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import django_fsm
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers import permissions, tasks
from dossiers.exceptions import DossierChanged, InvalidInput, TransitionNotAllowed
from dossiers.models import CLOCK_STATES, Dossier, DossierEvent, State
from onestop.outbox.queue import enqueue_on_commit

# Changes the applicant hears about even though the state stays the same.
NOTIFIED_WITHOUT_STATE_CHANGE = {DossierEvent.Kind.EXTEND}


def transition_permission(name: str) -> Callable[[Dossier, Any], bool]:
    """The permission predicate declared on the model's transition `name`."""
    meta = getattr(Dossier, name)._django_fsm
    return next(iter(meta.transitions.values())).permission


def authorize(dossier: Dossier, name: str, by: Any) -> None:
    if not transition_permission(name)(dossier, by):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này trên hồ sơ."))


def authorize_draft_edit(dossier: Dossier, by: Any) -> None:
    """The applicant, on an unchanged draft: raises PermissionDenied, DossierChanged or
    TransitionNotAllowed.
    """
    if not permissions.can_edit_draft(dossier, by):
        raise PermissionDenied(_("Chỉ người nộp được sửa hồ sơ nháp."))
    lock(dossier)
    if dossier.state != State.DRAFT:
        raise TransitionNotAllowed(_("Hồ sơ đã nộp: không sửa được nữa."))


def require_reason(reason: str, field: str = "reason") -> str:
    text = (reason or "").strip()
    if not text:
        raise InvalidInput({field: _("Vui lòng nêu rõ lý do.")})
    return text


def lock(dossier: Dossier) -> None:
    """Lock the row until commit; raise DossierChanged if anyone changed it since it was read.

    The revision check catches what the state alone would not: two "forward" or "extend"
    presses leave the state unchanged, but only the first keeps the revision it read.
    """
    current = (
        Dossier.objects.select_for_update()
        .filter(pk=dossier.pk)
        .values_list("revision", flat=True)
        .first()
    )
    if current != dossier.revision:
        raise DossierChanged()


def ensure_state_allows(dossier: Dossier, name: str) -> None:
    if not django_fsm.can_proceed(getattr(dossier, name), check_conditions=False):
        raise TransitionNotAllowed(
            _("Hồ sơ đang ở trạng thái “%(state)s”: không thể thực hiện thao tác này.")
            % {"state": dossier.get_state_display()}
        )


def save_change(dossier: Dossier) -> None:
    dossier.revision += 1
    try:
        dossier.save()
    except django_fsm.ConcurrentTransition as exc:  # a writer that skipped the lock
        raise DossierChanged() from exc


def record(
    dossier: Dossier,
    *,
    kind: str,
    by: Any,
    before: str,
    at: datetime,
    reason: str = "",
    details: dict[str, Any] | None = None,
    actor_name: str | None = None,
    shared: bool = False,
) -> DossierEvent:
    """Append the event and, on commit, tell the applicant if the change concerns them.

    `shared`: the officer ticked "gửi cho người nộp", so the applicant may read the note.
    """
    details = dict(details or {})
    if dossier.due_at is not None and dossier.state in CLOCK_STATES:
        details.setdefault("due_at", dossier.due_at.isoformat())  # the due date as of then
    event = DossierEvent.record(
        dossier,
        kind=kind,
        actor=by,
        before=before,
        at=at,
        reason=reason,
        details=details,
        actor_name=actor_name,
        shared=shared,
    )
    # A draft is the applicant's own work in progress: only real steps are worth an e-mail.
    changed = before != dossier.state and dossier.state != State.DRAFT
    if changed or kind in NOTIFIED_WITHOUT_STATE_CHANGE:
        # Later issues hook official slips and alerts here, on the same commit.
        enqueue_on_commit(tasks.notify_applicant, str(dossier.pk), event.pk)
    return event


def perform(
    dossier: Dossier,
    *,
    name: str,
    by: Any,
    reason: str = "",
    details: dict[str, Any] | None = None,
    prepare: Callable[[Dossier], dict[str, Any]] | None = None,
    arguments: dict[str, Any] | None = None,
    shared: bool = False,
    system: str | None = None,
) -> Dossier:
    """Run transition `name` of `dossier` at the current time with `arguments`.

    Must run inside a transaction (every service is atomic). `prepare` runs once the row is
    locked and the state allows the transition: it checks guards that deserve a specific
    message and returns further arguments (the dossier code, say). Raises PermissionDenied,
    DossierChanged or TransitionNotAllowed. `shared`: the note is sent to the applicant.
    `system` names a command acting without an account (`by` is then None): there is no
    person to authorize, and the event records the name.
    """
    arguments = dict(arguments or {})
    if system is None:
        authorize(dossier, name, by)
    elif by is not None:
        raise ValueError("a step taken by the system has no account")
    lock(dossier)
    ensure_state_allows(dossier, name)
    if prepare is not None:
        arguments.update(prepare(dossier))
    before, at = dossier.state, timezone.now()
    try:
        getattr(dossier, name)(at=at, **arguments)
    except django_fsm.TransitionNotAllowed as exc:  # a model guard the check did not cover
        raise TransitionNotAllowed() from exc
    save_change(dossier)
    record(
        dossier,
        kind=name,
        by=by,
        before=before,
        at=at,
        reason=reason,
        details=details,
        actor_name=system,
        shared=shared,
    )
    return dossier
