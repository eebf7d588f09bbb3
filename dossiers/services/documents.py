"""Attaching documents to a dossier: checked first, stored under generated names."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers import permissions
from dossiers.exceptions import DossierChanged, InvalidInput, TransitionNotAllowed
from dossiers.models import Dossier, DossierDocument, State
from dossiers.uploads import CheckedUpload, UploadRejected, check_upload, private_storage

OPEN_FOR_DOCUMENTS = (State.DRAFT, State.SUPPLEMENT_REQUESTED)


@dataclass(frozen=True)
class DocumentUpload:
    """One file for one checklist item (position from 1, or None for "other")."""

    upload: Any
    item: int | None = None
    filename: str | None = None


@transaction.atomic
def attach_document(
    *, dossier: Dossier, by: Any, upload: Any, item: int | None, filename: str | None = None
) -> DossierDocument:
    """Attach `upload` to checklist `item` (None: "other") of a draft or a supplement round.

    Uploading again for an item in the same round replaces that round's file; files of
    earlier rounds are kept. `filename` overrides the upload's own name as display text.
    Raises PermissionDenied (not the applicant nor the receiving desk), TransitionNotAllowed
    (not a draft nor waiting for a supplement), DossierChanged (its state changed since
    `dossier` was read), InvalidInput (unknown item) and UploadRejected (type, content,
    size, total or name); a rejected upload stores nothing. Other uploads may run at the
    same time: each waits for the row lock, none is refused for the revision they moved.
    """
    if not permissions.can_attach_document(dossier, by):
        raise PermissionDenied(_("Bạn không có quyền nộp tài liệu cho hồ sơ này."))
    round_ = _lock_open_for_documents(dossier)
    item_name = checklist_item_name(dossier, item)
    replaced = _same_slot(dossier, item, round_)
    checked = check_upload(
        upload,
        name=filename if filename is not None else upload.name,
        already_stored=stored_bytes(dossier) - (replaced.size if replaced else 0),
    )
    if replaced is not None:
        discard_document(replaced)
    with removing_files_on_error() as written:
        document = store_document(
            dossier,
            by=by,
            upload=upload,
            item=item,
            item_name=item_name,
            round_=round_,
            checked=checked,
            written=written,
        )
    _count_change(dossier)
    return document


def check_all(dossier: Dossier, uploads: Sequence[DocumentUpload]) -> list[CheckedUpload]:
    """Check every upload of a counter intake before anything is written."""
    checked, total = [], 0
    for upload in uploads:
        checklist_item_name(dossier, upload.item, field="documents")
        name = upload.filename if upload.filename is not None else upload.upload.name
        try:
            result = check_upload(upload.upload, name=name, already_stored=total)
        except UploadRejected as exc:
            raise UploadRejected(exc.message, field="documents") from exc
        checked.append(result)
        total += result.size
    return checked


def checklist_item_name(dossier: Dossier, item: int | None, field: str = "item") -> str:
    if item is None:
        return _("Giấy tờ khác")
    checklist = dossier.checklist()
    if not 1 <= item <= len(checklist):
        raise InvalidInput(
            {
                field: _(
                    "Thành phần hồ sơ số %(item)s không có trong danh mục giấy tờ của thủ tục."
                )
                % {"item": item}
            }
        )
    return str(checklist[item - 1]["name"])[:500]


def stored_bytes(dossier: Dossier) -> int:
    return dossier.documents.aggregate(total=Sum("size"))["total"] or 0


def store_document(
    dossier: Dossier,
    *,
    by: Any,
    upload: Any,
    item: int | None,
    item_name: str,
    round_: int,
    checked: CheckedUpload,
    written: list[str],
) -> DossierDocument:
    document = DossierDocument(
        dossier=dossier,
        item=item,
        item_name=item_name,
        round=round_,
        original_name=checked.display_name,
        size=checked.size,
        content_type=checked.content_type,
        sha256=checked.sha256,
        uploaded_by=by,
        uploaded_at=timezone.now(),
    )
    upload.seek(0)
    document.file.save("upload", upload, save=False)
    written.append(cast(str, document.file.name))  # set by the save above
    document.save()
    return document


def discard_document(document: DossierDocument) -> None:
    """Delete the row now and the file once the deletion is committed."""
    name = cast(str, document.file.name)  # every document has a file
    document.delete()
    discard_file(name)


def discard_file(name: str) -> None:
    """Delete the stored file `name` once the transaction that dropped its row commits."""
    transaction.on_commit(lambda: private_storage().delete(name))


@contextlib.contextmanager
def removing_files_on_error() -> Iterator[list[str]]:
    """Collects the names of files written; deletes them if the block raises."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            private_storage().delete(name)
        raise


def _lock_open_for_documents(dossier: Dossier) -> int:
    """Lock the row, check it still takes documents and return the round they belong to.

    Documents may arrive in parallel, so a newer revision is no conflict: the values needed
    are read from the locked row. Not through ``refresh_from_db``: django-fsm-2 lifts the
    state field's protection on the class while it reloads, which races between threads.
    """
    current = (
        Dossier.objects.select_for_update()
        .filter(pk=dossier.pk)
        .values("state", "revision", "supplement_round")
        .first()
    )
    if current is None or current["state"] not in OPEN_FOR_DOCUMENTS:
        raise TransitionNotAllowed(
            _("Chỉ nộp tài liệu khi hồ sơ đang soạn hoặc đang được yêu cầu bổ sung.")
        )
    if current["state"] != dossier.state:  # read before a transition: the page is stale
        raise DossierChanged()
    dossier.revision = current["revision"]
    dossier.supplement_round = current["supplement_round"]
    return dossier.supplement_round if dossier.state == State.SUPPLEMENT_REQUESTED else 0


def _count_change(dossier: Dossier) -> None:
    # Only the revision: the caller's copy of the other fields may be older than the row's.
    dossier.revision += 1
    dossier.save(update_fields=["revision", "updated_at"])


def _same_slot(dossier: Dossier, item: int | None, round_: int) -> DossierDocument | None:
    if item is None:
        return None
    return dossier.documents.filter(item=item, round=round_).first()
