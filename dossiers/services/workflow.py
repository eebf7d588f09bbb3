"""One service per transition, all built on :func:`base.perform`.

The transitions and who may make them: docs/architecture.md, "The dossier state machine".

Every service is atomic and raises PermissionDenied when the dossier is not `by`'s to act
on, DossierChanged when someone changed it since it was read, TransitionNotAllowed when its
state does not allow the step, and InvalidInput for a missing reason or a bad argument.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dossiers import deadlines, permissions, supplements
from dossiers.exceptions import InvalidInput, TransitionNotAllowed
from dossiers.models import Dossier, DossierResult, dossier_code
from dossiers.services.base import authorize, perform, require_reason
from procedures.models import Agency

MISSING_RESULT = gettext_lazy(
    "Chưa có văn bản kết quả giải quyết: cần đính kèm tệp PDF cùng số và ngày ban hành của "
    "văn bản trước khi phê duyệt hoặc từ chối giải quyết."
)


@transaction.atomic
def submit_dossier(*, dossier: Dossier, by: Any) -> Dossier:
    """Send a complete draft to the desk; it gets its national code now, and the desk's
    deadline to accept, refuse or ask for a supplement (`intake_due_at`).

    Precondition: every mandatory checklist item has a file (else TransitionNotAllowed,
    naming what is missing).
    """

    def prepare(dossier: Dossier) -> dict[str, Any]:
        missing = dossier.missing_documents()
        if missing:
            raise TransitionNotAllowed(
                _("Còn thiếu giấy tờ bắt buộc: %(items)s.") % {"items": "; ".join(missing)}
            )
        # The system receives it now (Decree 118/2025 Điều 17(2), 28): code and the
        # desk's 8 working hours both count from this moment.
        return {"code": dossier_code(dossier, at=timezone.now())}

    return perform(dossier, name="submit", by=by, prepare=prepare)


@transaction.atomic
def accept_dossier(
    *, dossier: Dossier, by: Any, note: str = "", share_with_applicant: bool = False
) -> Dossier:
    """Receive a submitted dossier at the desk: the legal clock starts.

    Precondition: submitted; `by` a desk officer of the receiving agency. Raises
    NoTimeLimit (a conflict) if the procedure version has no time limit.
    """
    return perform(dossier, name="accept", by=by, reason=note, shared=share_with_applicant)


@transaction.atomic
def refuse_dossier(*, dossier: Dossier, by: Any, reason: str) -> Dossier:
    """Refuse a submitted dossier at intake (form 03). Raises InvalidInput for a blank
    `reason`.
    """
    _authorized_first(dossier, "refuse", by)
    reason = require_reason(reason)
    return perform(dossier, name="refuse", by=by, reason=reason, arguments={"reason": reason})


@transaction.atomic
def request_supplement(
    *,
    dossier: Dossier,
    by: Any,
    items: Sequence[int],
    reason: str,
    instructions: str = "",
) -> Dossier:
    """Send the dossier back, once and completely, for the checklist rows `items`
    (positions from 1) and the free-text `instructions` (Decree 118/2025 Điều 11(2)(c),
    16(3), 19(5)).

    Precondition: submitted, received or processing, never sent back before (else
    TransitionNotAllowed, a 409). Raises InvalidInput for a blank `reason`, a position not
    in the version's checklist, or neither rows nor instructions.
    """
    _authorized_first(dossier, "request_supplement", by)
    reason = require_reason(reason)
    rows = supplements.check_rows(dossier, items)
    instructions = (instructions or "").strip()
    if not rows and not instructions:
        raise InvalidInput({"items": _("Chọn các giấy tờ cần bổ sung hoặc ghi rõ nội dung.")})

    def prepare(dossier: Dossier) -> dict[str, Any]:
        if dossier.supplement_round:
            raise TransitionNotAllowed(str(ALREADY_SENT_BACK))
        return {}

    names = supplements.row_names(dossier, rows)
    return perform(
        dossier,
        name="request_supplement",
        by=by,
        reason=reason,
        prepare=prepare,
        details={
            "items": [names[row] for row in rows],
            "rows": rows,
            "instructions": instructions,
        },
        arguments={"items": rows, "instructions": instructions},
    )


# Decree 118/2025 Điều 11(2)(c): "chỉ được yêu cầu sửa đổi, bổ sung một lần".
ALREADY_SENT_BACK = gettext_lazy(
    "Hồ sơ đã được yêu cầu bổ sung một lần; theo Điều 11 Nghị định 118/2025/NĐ-CP chỉ được "
    "yêu cầu bổ sung một lần."
)


@transaction.atomic
def resubmit_dossier(
    *, dossier: Dossier, by: Any, note: str = "", share_with_applicant: bool = False
) -> Dossier:
    """Hand the supplemented dossier back to the state it left; if the clock was running it
    restarts or resumes per the procedure's supplement policy.

    Precondition: every requested checklist row has a file uploaded in this supplement
    round (else TransitionNotAllowed, a 409 naming what is missing).
    """

    def prepare(dossier: Dossier) -> dict[str, Any]:
        missing = dossier.missing_supplement_documents()
        if missing:
            raise TransitionNotAllowed(
                _("Chưa tải lên tệp bổ sung cho: %(items)s.") % {"items": "; ".join(missing)}
            )
        return {}

    return perform(
        dossier,
        name="resubmit",
        by=by,
        reason=note,
        prepare=prepare,
        shared=share_with_applicant,
    )


@transaction.atomic
def start_processing(
    *,
    dossier: Dossier,
    by: Any,
    handling_agency: Agency | None = None,
    specialist: Any = None,
    note: str = "",
    share_with_applicant: bool = False,
) -> Dossier:
    """Hand a received dossier to the handling agency (default: the one already set) and
    optionally a specialist. Raises InvalidInput if the specialist is not of that agency.
    """
    _authorized_first(dossier, "start_processing", by)
    agency = handling_agency or dossier.handling_agency
    return _hand_over(
        dossier, "start_processing", by, agency, specialist, note, share_with_applicant
    )


@transaction.atomic
def forward_dossier(
    *,
    dossier: Dossier,
    by: Any,
    to_agency: Agency | None = None,
    specialist: Any = None,
    note: str = "",
    share_with_applicant: bool = False,
) -> Dossier:
    """Pass the dossier to the next step: another agency, another specialist, or both.

    Raises InvalidInput when neither is given or the specialist is not of that agency.
    """
    _authorized_first(dossier, "forward", by)
    if to_agency is None and specialist is None:
        raise InvalidInput({"to_agency": _("Chọn cơ quan hoặc chuyên viên xử lý bước tiếp theo.")})
    agency = to_agency or dossier.handling_agency
    return _hand_over(dossier, "forward", by, agency, specialist, note, share_with_applicant)


def _hand_over(
    dossier: Dossier,
    name: str,
    by: Any,
    agency: Agency,
    specialist: Any,
    note: str,
    shared: bool,
) -> Dossier:
    """The common end of every hand-over: to `agency`, and to `specialist` if given."""
    _check_specialist(specialist, agency)
    return perform(
        dossier,
        name=name,
        by=by,
        reason=note,
        shared=shared,
        details=_handover(agency, specialist),
        arguments={"handling_agency_id": agency.pk, "specialist_id": _pk(specialist)},
    )


@transaction.atomic
def submit_for_decision(
    *,
    dossier: Dossier,
    by: Any,
    leader: Any = None,
    note: str = "",
    share_with_applicant: bool = False,
) -> Dossier:
    """Submit the draft result to a leader of the handling agency (Decree 118/2025 Điều
    19(1), (3)); to `leader` if named, else to any leader of the agency.

    Preconditions: processing and not already submitted (else TransitionNotAllowed).
    Raises InvalidInput if `leader` is not a leader of the handling agency.
    """
    _authorized_first(dossier, "submit_for_decision", by)
    _check_leader(leader, dossier.handling_agency_id)

    def prepare(dossier: Dossier) -> dict[str, Any]:
        if dossier.decision_requested_at is not None:
            raise TransitionNotAllowed(_("Hồ sơ đã được trình lãnh đạo, đang chờ quyết định."))
        return {}

    return perform(
        dossier,
        name="submit_for_decision",
        by=by,
        reason=note,
        shared=share_with_applicant,
        prepare=prepare,
        details={"leader": leader.get_full_name() if leader is not None else None},
        arguments={"by_id": by.pk, "leader_id": _pk(leader)},
    )


@transaction.atomic
def send_back(*, dossier: Dossier, by: Any, reason: str) -> Dossier:
    """The leader returns the submitted draft to the specialists with a reason, which stays
    internal. Preconditions: submitted for a decision (else TransitionNotAllowed); raises
    InvalidInput for a blank `reason`.
    """
    _authorized_first(dossier, "send_back", by)
    reason = require_reason(reason)

    def prepare(dossier: Dossier) -> dict[str, Any]:
        if dossier.decision_requested_at is None:
            raise TransitionNotAllowed(_("Hồ sơ chưa được trình lãnh đạo: không có gì để trả lại."))
        return {}

    return perform(dossier, name="send_back", by=by, reason=reason, prepare=prepare)


@transaction.atomic
def extend_deadline(*, dossier: Dossier, by: Any, new_due_at: datetime, reason: str) -> Dossier:
    """Grant the one extension: a later due date and the apology sent to the applicant.

    Preconditions: not extended before, and at least one working day before the due date
    (else TransitionNotAllowed); `new_due_at` aware, later than the current due date and no
    later than :func:`deadlines.latest_extension` (else InvalidInput, nothing stored).
    """
    _authorized_first(dossier, "extend", by)
    reason = require_reason(reason)

    def prepare(dossier: Dossier) -> dict[str, Any]:
        if dossier.extended_at is not None:
            raise TransitionNotAllowed(_("Hồ sơ đã được gia hạn một lần; không gia hạn thêm."))
        if not deadlines.may_extend(dossier.due_at):
            raise TransitionNotAllowed(
                _("Chỉ được gia hạn chậm nhất một ngày làm việc trước ngày hẹn trả.")
            )
        _check_new_due(dossier, new_due_at)
        return {}

    previous = dossier.due_at
    return perform(
        dossier,
        name="extend",
        by=by,
        reason=reason,
        prepare=prepare,
        details={"previous_due_at": previous.isoformat() if previous else None},
        arguments={"new_due_at": new_due_at},
    )


@transaction.atomic
def request_payment(
    *,
    dossier: Dossier,
    by: Any,
    amount_vnd: int | None = None,
    note: str = "",
    share_with_applicant: bool = False,
) -> Dossier:
    """Ask the applicant to pay the fees or charges due before the result (processing)."""
    return perform(
        dossier,
        name="request_payment",
        by=by,
        reason=note,
        shared=share_with_applicant,
        details={"amount_vnd": amount_vnd},
        arguments={"amount_vnd": amount_vnd},
    )


@transaction.atomic
def confirm_payment(
    *, dossier: Dossier, by: Any, note: str = "", share_with_applicant: bool = False
) -> Dossier:
    """Record at the desk that the applicant paid (awaiting payment); processing resumes."""
    return perform(dossier, name="confirm_payment", by=by, reason=note, shared=share_with_applicant)


@transaction.atomic
def approve_dossier(
    *, dossier: Dossier, by: Any, note: str = "", share_with_applicant: bool = False
) -> Dossier:
    """Decide to grant the result (processing → resolved).

    Precondition: the result document is attached (else TransitionNotAllowed, saying so).
    """
    details: dict[str, Any] = {}
    return perform(
        dossier,
        name="approve",
        by=by,
        reason=note,
        shared=share_with_applicant,
        details=details,
        prepare=lambda dossier: _require_result(dossier, details),
    )


@transaction.atomic
def reject_dossier(*, dossier: Dossier, by: Any, reason: str) -> Dossier:
    """Decide to refuse the result; raises InvalidInput for a blank `reason`, which the
    applicant is told, and TransitionNotAllowed without the result document (the written
    refusal of Decree 118/2025 Điều 19(3)).
    """
    _authorized_first(dossier, "reject", by)
    reason = require_reason(reason)
    details: dict[str, Any] = {}
    return perform(
        dossier,
        name="reject",
        by=by,
        reason=reason,
        details=details,
        prepare=lambda dossier: _require_result(dossier, details),
        arguments={"reason": reason},
    )


@transaction.atomic
def stop_dossier(*, dossier: Dossier, by: Any, reason: str) -> Dossier:
    """Stop processing (or a dossier waiting for a supplement) for a stated legal reason;
    raises InvalidInput for a blank `reason`.
    """
    _authorized_first(dossier, "stop", by)
    reason = require_reason(reason)
    return perform(dossier, name="stop", by=by, reason=reason, arguments={"reason": reason})


@transaction.atomic
def withdraw_dossier(*, dossier: Dossier, by: Any, reason: str = "") -> Dossier:
    """Withdraw at the applicant's request (by the applicant, or the desk for them), in any
    state before the decision: submitted, received, processing, waiting for a supplement or
    for fees (Decree 118/2025 Điều 21).
    """
    reason = (reason or "").strip()
    return perform(dossier, name="withdraw", by=by, reason=reason, arguments={"reason": reason})


@transaction.atomic
def return_result(
    *, dossier: Dossier, by: Any, note: str = "", share_with_applicant: bool = False
) -> Dossier:
    """Hand the decided result to the applicant (resolved → returned)."""
    return perform(dossier, name="return_result", by=by, reason=note, shared=share_with_applicant)


def _check_new_due(dossier: Dossier, new_due_at: datetime) -> None:
    """Later than the current due date, and within the procedure's time limit counted again
    from it: a date past the calendar's years could not be counted or shown.
    """
    if new_due_at.tzinfo is None or new_due_at.utcoffset() is None:
        raise InvalidInput({"new_due_at": _("Hạn mới phải ghi rõ múi giờ.")})
    if dossier.due_at is None:
        return
    if new_due_at <= dossier.due_at:
        raise InvalidInput({"new_due_at": _("Hạn mới phải sau ngày hẹn trả hiện tại.")})
    try:
        latest = deadlines.latest_extension(dossier)
    except ValueError:  # the calendar cannot count that far: no extension is safe
        raise InvalidInput(
            {"new_due_at": _("Lịch làm việc chưa có các năm sau ngày hẹn trả hiện tại.")}
        ) from None
    if new_due_at > latest:
        raise InvalidInput(
            {
                "new_due_at": _(
                    "Hạn mới chậm nhất là %(latest)s: thời gian gia hạn không vượt quá thời "
                    "hạn giải quyết của thủ tục, tính tiếp từ ngày hẹn trả hiện tại."
                )
                % {"latest": date_format(timezone.localtime(latest), "SHORT_DATETIME_FORMAT")}
            }
        )


def _authorized_first(dossier: Dossier, name: str, by: Any) -> None:
    # Who before what: an outsider learns nothing about which fields are required.
    authorize(dossier, name, by)


def _require_result(dossier: Dossier, details: dict[str, Any]) -> dict[str, Any]:
    """No decision without the result document (Decree 118/2025 Điều 22(1), (4)); its number
    and date go into the decision's event (`details`, recorded after this check).
    """
    result = DossierResult.objects.filter(dossier=dossier).first()
    if result is None:
        raise TransitionNotAllowed(str(MISSING_RESULT))
    details.update(result_number=result.number, result_issued_on=result.issued_on.isoformat())
    return {}


def _check_leader(leader: Any, agency_id: int) -> None:
    if leader is None:
        return
    if leader.agency_id != agency_id or not leader.has_perm(permissions.DECIDE):
        raise InvalidInput({"leader": _("Lãnh đạo được chọn không thuộc cơ quan xử lý hồ sơ.")})


def _check_specialist(specialist: Any, agency: Agency) -> None:
    if specialist is None:
        return
    if specialist.agency_id != agency.pk or not specialist.has_perm(permissions.PROCESS):
        raise InvalidInput(
            {"specialist": _("Chuyên viên được chọn không thuộc cơ quan xử lý hồ sơ.")}
        )


def _handover(agency: Agency, specialist: Any) -> dict[str, Any]:
    return {
        "handling_agency": agency.code,
        "specialist": specialist.get_full_name() if specialist is not None else None,
    }


def _pk(user: Any) -> int | None:
    return user.pk if user is not None else None
