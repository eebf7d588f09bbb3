"""Attaching the result document of a dossier, which a decision requires.

Decree 118/2025 Điều 22(1), (4): the result is a signed document with its number ("mã số
giấy tờ"). The specialist who drafts it or the leader who signs it attaches the PDF, its
number and its date while the dossier is processing; attaching again replaces it. It is
checked like every upload (``dossiers.uploads``), and must be a PDF.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers import permissions
from dossiers.exceptions import DossierChanged, InvalidInput, TransitionNotAllowed
from dossiers.models import Dossier, DossierResult, State
from dossiers.services.documents import discard_file, removing_files_on_error
from dossiers.uploads import PDF, UploadRejected, check_upload


@transaction.atomic
def attach_result(
    *,
    dossier: Dossier,
    by: Any,
    upload: Any,
    number: str,
    issued_on: date,
    filename: str | None = None,
) -> DossierResult:
    """Attach (or replace) the result document of a processing dossier.

    Raises PermissionDenied (not a specialist or leader of the handling agency),
    TransitionNotAllowed (not processing), DossierChanged (its state changed since `dossier`
    was read), InvalidInput (blank number, date after today) and UploadRejected (not a PDF,
    or the checks of every upload); nothing is stored then. The dossier's revision moves, so
    a decision pressed on a page drawn before the attachment is refused as stale.
    """
    if not permissions.can_attach_result(dossier, by):
        raise PermissionDenied(
            _("Chỉ chuyên viên, lãnh đạo cơ quan giải quyết được đính kèm kết quả.")
        )
    _lock_processing(dossier)
    number = (number or "").strip()
    errors = {}
    if not number:
        errors["number"] = _("Vui lòng nhập số, mã số giấy tờ của văn bản kết quả.")
    if issued_on > timezone.localdate():
        errors["issued_on"] = _("Ngày ban hành không được sau ngày hôm nay.")
    if errors:
        raise InvalidInput(errors)
    checked = check_upload(
        upload, name=filename if filename is not None else upload.name, already_stored=0
    )
    if checked.content_type != PDF:
        raise UploadRejected(_("Văn bản kết quả phải là tệp PDF."))
    previous = DossierResult.objects.filter(dossier=dossier).first()
    if previous is not None:
        name = cast(str, previous.file.name)
        previous.delete()
        discard_file(name)
    with removing_files_on_error() as written:
        result = DossierResult(
            dossier=dossier,
            number=number,
            issued_on=issued_on,
            original_name=checked.display_name,
            size=checked.size,
            content_type=checked.content_type,
            sha256=checked.sha256,
            uploaded_by=by,
            uploaded_at=timezone.now(),
        )
        upload.seek(0)
        result.file.save("result", upload, save=False)
        written.append(cast(str, result.file.name))
        result.save()
    dossier.revision += 1
    dossier.save(update_fields=["revision", "updated_at"])
    return result


def _lock_processing(dossier: Dossier) -> None:
    current = (
        Dossier.objects.select_for_update()
        .filter(pk=dossier.pk)
        .values("state", "revision")
        .first()
    )
    if current is None or current["state"] != State.PROCESSING:
        raise TransitionNotAllowed(_("Chỉ đính kèm văn bản kết quả khi hồ sơ đang xử lý."))
    if current["state"] != dossier.state:
        raise DossierChanged()
    dossier.revision = current["revision"]
