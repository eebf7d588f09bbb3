"""What public tracking may tell about a dossier, and who may see more.

Shared by the tracking page (/tra-cuu/) and the API (GET /api/v1/tracking/{code}/).
The code alone says only that the dossier exists and its state class (``STATE_CLASSES``):
codes follow a pattern, so anyone can walk a day's codes, and the procedure or exact state
of a stranger's dossier is not theirs to list. The procedure, state, stage and timeline
need the last four digits of the applicant's ID number, or the applicant signed in.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from dossiers.models import Dossier, State

# (step, label) of the stage a citizen recognises; the final "no" states end the count.
STAGES: dict[str, tuple[int, Any]] = {
    State.SUBMITTED: (1, gettext_lazy("Đã nộp, chờ tiếp nhận")),
    State.RECEIVED: (2, gettext_lazy("Đã tiếp nhận")),
    State.SUPPLEMENT_REQUESTED: (2, gettext_lazy("Chờ bổ sung hồ sơ")),
    State.PROCESSING: (3, gettext_lazy("Đang giải quyết")),
    State.AWAITING_PAYMENT: (3, gettext_lazy("Chờ thực hiện nghĩa vụ tài chính")),
    State.RESOLVED: (4, gettext_lazy("Đã có kết quả, chờ trả")),
    State.RETURNED: (5, gettext_lazy("Đã trả kết quả")),
    State.NOT_ACCEPTED: (5, gettext_lazy("Kết thúc: không được tiếp nhận")),
    State.WITHDRAWN: (5, gettext_lazy("Kết thúc: đã rút hồ sơ")),
    State.STOPPED: (5, gettext_lazy("Kết thúc: dừng xử lý")),
}
LAST_STAGE = 5

# The state class is all the code alone reveals: is the dossier still being handled, is a
# result waiting, or is the file closed. It says neither the procedure nor whether the
# dossier was refused, stopped, withdrawn or granted.
IN_PROGRESS, RESULT_READY, CLOSED = "in_progress", "result_ready", "closed"
STATE_CLASS_LABELS: dict[str, Any] = {
    IN_PROGRESS: gettext_lazy("Đang giải quyết"),
    RESULT_READY: gettext_lazy("Đã có kết quả"),
    CLOSED: gettext_lazy("Đã kết thúc"),
}
STATE_CLASSES: dict[str, str] = {
    State.SUBMITTED: IN_PROGRESS,
    State.RECEIVED: IN_PROGRESS,
    State.SUPPLEMENT_REQUESTED: IN_PROGRESS,
    State.PROCESSING: IN_PROGRESS,
    State.AWAITING_PAYMENT: IN_PROGRESS,
    State.RESOLVED: RESULT_READY,
    State.RETURNED: CLOSED,
    State.NOT_ACCEPTED: CLOSED,
    State.WITHDRAWN: CLOSED,
    State.STOPPED: CLOSED,
}


def state_class(dossier: Dossier) -> tuple[str, Any]:
    """(code, label) of the dossier's state class, what the code alone may reveal."""
    code = STATE_CLASSES[dossier.state]
    return code, STATE_CLASS_LABELS[code]


def mask_name(name: str) -> str:
    """ "Nguyễn Văn An" → "N***** V** A*": enough to recognise, not to identify."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())


def applicant_digits_match(dossier: Dossier, last4: str) -> bool:
    """Whether `last4` are the last four digits of the applicant's CCCD or tax code."""
    digits = "".join(ch for ch in dossier.applicant_id_number if ch.isdigit())
    return len(last4) == 4 and last4.isdigit() and digits.endswith(last4)


def trackable(code: str) -> Dossier | None:
    """The dossier public tracking may speak of: any but a draft, which has no code yet."""
    return (
        Dossier.objects.exclude(state=State.DRAFT)
        .select_related("procedure", "receiving_agency", "handling_agency")
        .filter(code=code)
        .first()
    )
