"""What the applicant is told when their dossier changes: a plain e-mail for now.

Later issues add SMS and in-app notices beside it; the services decide *when*, this module
only decides *what* the message says.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dossiers.models import Dossier, DossierEvent, State


def recipient(dossier: Dossier) -> str:
    if dossier.applicant_email:
        return dossier.applicant_email
    user = dossier.applicant_user
    return user.email if user is not None else ""


def subject(dossier: Dossier, event: DossierEvent) -> str:
    return _("Hồ sơ %(code)s: %(state)s") % {
        "code": dossier.code or _("nháp"),
        "state": State(event.to_state).label,
    }


def body(dossier: Dossier, event: DossierEvent) -> str:
    lines = [
        _("Kính gửi %(name)s,") % {"name": dossier.applicant_name},
        "",
        _("Hồ sơ %(code)s (%(procedure)s) vừa được cập nhật: %(what)s.")
        % {
            "code": dossier.code or _("nháp"),
            "procedure": dossier.procedure.name,
            "what": event.get_kind_display().lower(),
        },
        _("Trạng thái: %(state)s.") % {"state": State(event.to_state).label},
    ]
    due = event.details.get("due_at")
    if due:
        when = date_format(timezone.localtime(datetime.fromisoformat(due)), "DATETIME_FORMAT")
        lines.append(_("Hẹn trả kết quả: %(when)s.") % {"when": when})
    # An internal note never leaves the agency; only what the applicant may read is sent.
    if event.applicant_text:
        lines.append(_("Lý do, ghi chú: %(reason)s") % {"reason": event.applicant_text})
    items = event.details.get("items") or []
    lines += [f"  - {item}" for item in items]
    if event.details.get("instructions"):
        lines.append(f"  - {event.details['instructions']}")
    if event.kind == DossierEvent.Kind.REQUEST_SUPPLEMENT and dossier.supplement_due_at:
        when = date_format(timezone.localtime(dossier.supplement_due_at), "DATETIME_FORMAT")
        lines.append(
            _("Hạn bổ sung: %(when)s; quá hạn mà chưa bổ sung, hồ sơ sẽ bị đóng.") % {"when": when}
        )
    lines += ["", _("Tra cứu hồ sơ bằng mã hồ sơ trên Cổng Dịch vụ công."), ""]
    return "\n".join(lines)
