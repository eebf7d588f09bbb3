"""Starting a dossier: an online draft, its edits, and intake at the counter."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers import applicability, permissions
from dossiers.exceptions import InvalidInput
from dossiers.models import ApplicantKind, Dossier, DossierEvent, State, dossier_code
from dossiers.services.base import authorize_draft_edit, record, save_change
from dossiers.services.documents import (
    DocumentUpload,
    check_all,
    checklist_item_name,
    removing_files_on_error,
    store_document,
)
from dossiers.uploads import CheckedUpload
from onestop.validators import (
    CITIZEN_ID,
    normalise_phone,
    validate_citizen_id_matches_birth_date,
)
from procedures.models import Agency, Channel, OnlineMode, Procedure, ProcedureVersion
from procedures.services import record_version

APPLICANT_FIELDS = [
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "applicant_birth_date",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
]
DRAFT_FIELDS = [*APPLICANT_FIELDS, "receiving_agency", "answers"]


@dataclass(frozen=True)
class Applicant:
    """Who files the dossier, as written on it (a snapshot, not a link to the profile)."""

    name: str
    id_number: str
    kind: str = ApplicantKind.PERSON
    birth_date: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""

    @classmethod
    def from_profile(cls, user: Any, **overrides: Any) -> Applicant:
        """The signed-in citizen's profile, with any field given in `overrides` instead."""
        profile = {
            "name": user.get_full_name(),
            "id_number": user.citizen_id,
            "birth_date": user.date_of_birth,
            "phone": user.phone,
            "email": user.email,
            "address": user.address,
        }
        given = {name: value for name, value in overrides.items() if value is not None}
        return cls(**{**profile, **given})

    def as_fields(self) -> dict[str, Any]:
        return {f"applicant_{name}": value for name, value in dataclasses.asdict(self).items()}


def current_version(procedure: Procedure) -> ProcedureVersion:
    """The latest version of a published procedure, frozen now if it has none yet."""
    if not procedure.is_published:
        raise InvalidInput({"procedure": _("Thủ tục này chưa được công bố.")})
    version = procedure.versions.order_by("-number").first()
    version = version or record_version(procedure=procedure)
    if version is None:
        raise InvalidInput({"procedure": _("Thủ tục này chưa được công bố.")})
    return version


def validate_applicant(dossier: Dossier) -> None:
    """The field rules of ``onestop.validators``, plus what depends on two fields: a person is
    identified by a CCCD number, whose birth year is that of the birth date when one is given.

    Normalises the phone number first (``+84 912 345 678`` is stored as ``0912345678``).
    Raises InvalidInput naming each field in error.
    """
    dossier.applicant_phone = normalise_phone(dossier.applicant_phone or "")
    try:
        dossier.clean_fields(
            exclude=[f.name for f in Dossier._meta.fields if f.name not in APPLICANT_FIELDS]
        )
        _validate_identity(dossier)
    except ValidationError as exc:
        raise InvalidInput(
            {name: " ".join(texts) for name, texts in exc.message_dict.items()}
        ) from exc


def _validate_identity(dossier: Dossier) -> None:
    number = dossier.applicant_id_number
    if dossier.applicant_kind == ApplicantKind.PERSON:
        if not CITIZEN_ID.fullmatch(number):
            raise ValidationError({"applicant_id_number": _("Số CCCD gồm đúng 12 chữ số.")})
        try:
            validate_citizen_id_matches_birth_date(number, dossier.applicant_birth_date)
        except ValidationError as exc:
            raise ValidationError({"applicant_id_number": exc.messages}) from exc
    if dossier.applicant_kind == ApplicantKind.ORGANISATION and len(number) == 12:
        raise ValidationError({"applicant_id_number": _("Nhập mã số thuế của tổ chức.")})


def validate_case(dossier: Dossier) -> None:
    """The answers are to questions the version asks, and the paper items are rows of its
    checklist. Raises InvalidInput naming ``answers`` or ``paper_items``.
    """
    content = dossier.procedure_version.content
    errors = {}
    if not isinstance(dossier.answers, dict):
        errors["answers"] = _("Câu trả lời là một đối tượng {mã câu hỏi: true/false}.")
    elif problems := applicability.answers_errors(content, dossier.answers):
        errors["answers"] = " ".join(problems)
    if not isinstance(dossier.paper_items, list):
        errors["paper_items"] = _("Giấy tờ đã nhận bản giấy là danh sách số thứ tự (từ 1).")
    elif problems := applicability.positions_errors(content, dossier.paper_items):
        errors["paper_items"] = " ".join(problems)
    if errors:
        raise InvalidInput(errors)


def receiving_agency_for(procedure: Procedure, agency: Agency | None) -> Agency:
    """The agency an online dossier goes to: the one chosen, among those carrying it out."""
    offered = list(procedure.agencies.all())
    if agency is None:
        if len(offered) == 1:
            return offered[0]
        raise InvalidInput({"receiving_agency": _("Vui lòng chọn cơ quan tiếp nhận hồ sơ.")})
    if offered and agency not in offered:
        raise InvalidInput({"receiving_agency": _("Cơ quan đã chọn không tiếp nhận thủ tục này.")})
    return agency


@transaction.atomic
def create_draft(
    *,
    by: Any,
    procedure: Procedure,
    applicant: Applicant | None = None,
    receiving_agency: Agency | None = None,
    answers: Mapping[str, bool] | None = None,
) -> Dossier:
    """Start an online dossier for `procedure`, filed from `by`'s account.

    The applicant defaults to `by`'s profile; `answers` are the applicant's case (the
    checklist's conditions, key → yes/no). Raises PermissionDenied if `by` may not file
    online, InvalidInput if the procedure is not offered online, the agency does not take it,
    the applicant details are invalid or an answer is to a question the procedure does not
    ask.
    """
    if not permissions.can_file_online(by):
        raise PermissionDenied(_("Tài khoản này không nộp hồ sơ trực tuyến được."))
    if procedure.online_mode == OnlineMode.OFFLINE:
        raise InvalidInput(
            {"procedure": _("Thủ tục này chưa có dịch vụ công trực tuyến: vui lòng nộp trực tiếp.")}
        )
    agency = receiving_agency_for(procedure, receiving_agency)
    dossier = Dossier(
        procedure=procedure,
        procedure_version=current_version(procedure),
        receiving_agency=agency,
        handling_agency=agency,
        channel=Channel.ONLINE,
        applicant_user=by,
        answers=dict(answers or {}),
        **(applicant or Applicant.from_profile(by)).as_fields(),
    )
    validate_applicant(dossier)
    validate_case(dossier)
    dossier.save()
    record(dossier, kind=DossierEvent.Kind.CREATE, by=by, before="", at=dossier.created_at)
    return dossier


@transaction.atomic
def update_draft(*, dossier: Dossier, by: Any, changes: Mapping[str, Any]) -> Dossier:
    """Change applicant details, the receiving agency or the answers of a draft.

    `changes` maps names of DRAFT_FIELDS to new values (the agency as an Agency; the answers
    as a whole new {key: bool}). Files already uploaded are kept whatever the answers: a row
    that stops applying keeps its file, which counts again if it applies again. Raises
    PermissionDenied if `by` is not the applicant, TransitionNotAllowed once submitted,
    DossierChanged if it changed meanwhile, InvalidInput for unknown fields or bad values.
    """
    authorize_draft_edit(dossier, by)
    unknown = sorted(set(changes) - set(DRAFT_FIELDS))
    if unknown:
        raise InvalidInput({name: _("Không sửa được trường này.") for name in unknown})
    for name, value in changes.items():
        setattr(dossier, name, value)
    if "receiving_agency" in changes:
        dossier.receiving_agency = dossier.handling_agency = receiving_agency_for(
            dossier.procedure, changes["receiving_agency"]
        )
    validate_applicant(dossier)
    validate_case(dossier)
    save_change(dossier)
    return dossier


@transaction.atomic
def counter_intake(
    *,
    by: Any,
    procedure: Procedure,
    applicant: Applicant,
    channel: str = Channel.COUNTER,
    documents: Sequence[DocumentUpload] = (),
    handling_agency: Agency | None = None,
    applicant_user: Any = None,
    note: str = "",
    answers: Mapping[str, bool] | None = None,
    paper_items: Sequence[int] = (),
) -> Dossier:
    """Receive a walk-in or postal dossier at `by`'s desk in one step: code, clock, files.

    `answers` are the applicant's case (the checklist's conditions), `paper_items` the rows
    (positions from 1) the desk received on paper. Every applicable mandatory row must be
    uploaded or received on paper (Decree 118/2025 Điều 17(1)(c): the desk receives only a
    complete dossier). Raises PermissionDenied if `by` is not a desk officer, InvalidInput
    for a bad channel, procedure, applicant, answers or paper items, or (field "documents")
    naming what is missing, UploadRejected (field "documents") for a refused file, and
    NoTimeLimit (a conflict) if the procedure has no time limit to start the clock with.
    """
    if not permissions.can_take_at_counter(by):
        raise PermissionDenied(_("Chỉ cán bộ một cửa được tiếp nhận hồ sơ trực tiếp."))
    if channel not in (Channel.COUNTER, Channel.POSTAL):
        message = _("Tiếp nhận tại quầy chỉ cho hồ sơ nộp trực tiếp hoặc qua bưu chính.")
        raise InvalidInput({"channel": message})
    at = timezone.now()
    dossier = Dossier(
        procedure=procedure,
        procedure_version=current_version(procedure),
        receiving_agency=by.agency,
        handling_agency=handling_agency or by.agency,
        channel=channel,
        applicant_user=applicant_user,
        state=State.RECEIVED,
        submitted_at=at,
        received_at=at,
        answers=dict(answers or {}),
        paper_items=sorted(set(paper_items)),
        **applicant.as_fields(),
    )
    validate_applicant(dossier)
    validate_case(dossier)
    dossier.start_clock(at)
    checked = check_all(dossier, documents)
    require_complete(dossier, documents)
    dossier.code = dossier_code(dossier, at=at)  # the handling agency's, or the desk's
    dossier.save()
    with removing_files_on_error() as written:
        for upload, result in zip(documents, checked, strict=True):
            _store_intake_document(dossier, by, upload, result, written)
        record(dossier, kind=DossierEvent.Kind.COUNTER_INTAKE, by=by, before="", at=at, reason=note)
    return dossier


def require_complete(dossier: Dossier, documents: Sequence[DocumentUpload]) -> None:
    """Refuse (field "documents") a counter dossier lacking an applicable mandatory row."""
    brought = {upload.item for upload in documents if upload.item is not None}
    missing = applicability.unmet_requirements(
        dossier.procedure_version.content,
        dossier.channel,
        dossier.answers,
        brought | set(dossier.paper_items),
    )
    if missing:
        raise InvalidInput(
            {
                "documents": _(
                    "Chưa tiếp nhận được: còn thiếu giấy tờ bắt buộc (chưa có bản quét, chưa "
                    "đánh dấu đã nhận bản giấy): %(items)s."
                )
                % {"items": "; ".join(missing)}
            }
        )


def _store_intake_document(
    dossier: Dossier, by: Any, upload: DocumentUpload, checked: CheckedUpload, written: list[str]
) -> None:
    store_document(
        dossier,
        by=by,
        upload=upload.upload,
        item=upload.item,
        item_name=checklist_item_name(dossier, upload.item),
        round_=0,
        checked=checked,
        written=written,
    )
