"""The dossier (hồ sơ) and its legal state machine.

States, codes, transitions and who may make them: docs/architecture.md, "The dossier state
machine".

Transitions only set fields on the dossier itself; the services in ``dossiers.services``
lock the row, call them, save, append the event and send what must be sent.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from dossiers import applicability, deadlines, permissions, supplements
from dossiers.models.queryset import DossierQuerySet
from dossiers.models.schema import CONSTRAINTS, INDEXES
from dossiers.models.states import (
    CLOCK_STATES,
    NATIONAL_CODES,
    ApplicantKind,
    Result,
    State,
)
from onestop.text import fold
from onestop.validators import validate_applicant_id, validate_birth_date, validate_phone
from procedures.models import Channel


def has_mandatory_documents(dossier: Dossier) -> bool:
    """Everything that applies to this dossier is there (``dossiers.applicability``)."""
    return not dossier.missing_documents()


def is_awaiting_decision(dossier: Dossier) -> bool:
    return dossier.decision_requested_at is not None


def is_not_awaiting_decision(dossier: Dossier) -> bool:
    return dossier.decision_requested_at is None


def may_still_extend(dossier: Dossier) -> bool:
    return dossier.extended_at is None and deadlines.may_extend(dossier.due_at)


def never_sent_back(dossier: Dossier) -> bool:
    """A dossier is sent back for a supplement once only (Decree 118/2025 Điều 11(2)(c))."""
    return dossier.supplement_round == 0


def has_requested_documents(dossier: Dossier) -> bool:
    return not dossier.missing_supplement_documents()


def supplement_period_over(dossier: Dossier) -> bool:
    return supplements.closing_due(dossier, timezone.now())


class Dossier(ConcurrentTransitionMixin, models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(_("mã hồ sơ"), max_length=40, unique=True, null=True, blank=True)
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    procedure_version = models.ForeignKey(
        "procedures.ProcedureVersion",
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    # Indexed together with dates below, so no separate single-column index.
    receiving_agency = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("cơ quan tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
        db_index=False,
    )
    handling_agency = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("cơ quan giải quyết"),
        on_delete=models.PROTECT,
        related_name="handled_dossiers",
        db_index=False,
    )
    channel = models.CharField(_("hình thức nộp"), max_length=10, choices=Channel.choices)

    applicant_kind = models.CharField(
        _("loại người nộp"),
        max_length=15,
        choices=ApplicantKind.choices,
        default=ApplicantKind.PERSON,
    )
    applicant_name = models.CharField(_("họ tên người nộp / tên tổ chức"), max_length=255)
    applicant_id_number = models.CharField(
        _("số CCCD / mã số thuế"), max_length=14, validators=[validate_applicant_id]
    )
    applicant_birth_date = models.DateField(
        _("ngày sinh"), null=True, blank=True, validators=[validate_birth_date]
    )
    applicant_phone = models.CharField(
        _("điện thoại"), max_length=20, blank=True, validators=[validate_phone]
    )
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản người nộp"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
        db_index=False,
    )

    state = FSMField(
        _("trạng thái"), max_length=30, choices=State.choices, default=State.DRAFT, protected=True
    )
    # Bumped by every change a service makes: a caller holding an older revision lost a race.
    revision = models.PositiveIntegerField(_("lần thay đổi"), default=0)
    # A default rather than auto_now_add, so that imported and generated dossiers keep theirs.
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    # When the desk must have accepted, refused or asked for a supplement of an online
    # dossier: 8 working hours after the system received it (Decree 118/2025 Điều 17(2)(c)).
    intake_due_at = models.DateTimeField(_("hạn kiểm tra tiếp nhận"), null=True, blank=True)
    due_at = models.DateTimeField(_("hẹn trả"), null=True, blank=True)
    original_due_at = models.DateTimeField(_("hạn ban đầu"), null=True, blank=True)
    extended_due_at = models.DateTimeField(_("hạn sau gia hạn"), null=True, blank=True)
    extended_at = models.DateTimeField(_("gia hạn lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc xử lý lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)

    supplement_round = models.PositiveSmallIntegerField(_("số lần bổ sung"), default=0)
    supplement_from_state = models.CharField(
        _("trạng thái trước khi bổ sung"), max_length=30, choices=State.choices, blank=True
    )
    supplement_requested_at = models.DateTimeField(_("yêu cầu bổ sung lúc"), null=True, blank=True)
    # Positions (from 1) of the checklist rows to bring again; a list of names before the
    # rows were numbered, read by dossiers.supplements.requested_rows / legacy_texts.
    supplement_items = models.JSONField(_("thành phần cần bổ sung"), default=list, blank=True)
    supplement_instructions = models.TextField(_("nội dung, hướng dẫn bổ sung"), blank=True)
    # The end of the period after which the desk closes an unsupplemented dossier
    # (Decree 118/2025 Điều 19(5)); set by request_supplement.
    supplement_due_at = models.DateTimeField(_("hạn bổ sung"), null=True, blank=True)
    # The handling agency's request for a supplement after appraisal, waiting for the desk
    # to send it (Decree 118/2025 Điều 19(5)): rows, instructions and reason, who and when.
    agency_supplement = models.JSONField(
        _("đề nghị bổ sung của cơ quan giải quyết"), default=dict, blank=True
    )
    agency_supplement_at = models.DateTimeField(
        _("cơ quan giải quyết đề nghị bổ sung lúc"), null=True, blank=True
    )
    agency_supplement_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị bổ sung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # [requested, returned] ISO times of each completed supplement while the clock ran:
    # the calendar needs all of them to pause the count.
    supplement_waits = models.JSONField(_("các lần chờ bổ sung"), default=list, blank=True)

    payment_amount_vnd = models.PositiveBigIntegerField(
        _("số tiền phải nộp (đồng)"), null=True, blank=True
    )
    paid_at = models.DateTimeField(_("đã nộp phí lúc"), null=True, blank=True)
    result = models.CharField(_("kết quả"), max_length=10, choices=Result.choices, blank=True)
    result_reason = models.TextField(_("lý do từ chối giải quyết"), blank=True)
    closing_reason = models.TextField(_("lý do không tiếp nhận, dừng hoặc rút"), blank=True)
    assigned_specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chuyên viên xử lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
    )
    # The applicant's yes/no answers to the conditions of the checklist ({key: bool}), and
    # the rows (positions from 1) the desk received on paper: together with the uploads they
    # decide what is still missing (dossiers/applicability.py).
    answers = models.JSONField(_("trường hợp của người nộp"), default=dict, blank=True)
    paper_items = models.JSONField(_("giấy tờ đã nhận bản giấy"), default=list, blank=True)
    # The draft result submitted to a leader (Decree 118/2025 Điều 19(1), (3): the specialist
    # "trình phê duyệt"): when, by whom, and to which leader (none: any leader of the agency).
    decision_requested_at = models.DateTimeField(_("trình lãnh đạo lúc"), null=True, blank=True)
    decision_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chuyên viên trình"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Indexed with the handling agency in the decision queue's index (schema.py).
    decision_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo được trình"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    # Folded code and applicant name, kept by save(): the column text search scans.
    search_text = models.TextField(editable=False, default="")

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        permissions = [
            ("submit_dossier", _("Nộp hồ sơ trực tuyến")),
            ("receive_dossier", _("Tiếp nhận, trả kết quả hồ sơ")),
            ("process_dossier", _("Thẩm định, xử lý hồ sơ")),
            ("decide_dossier", _("Phê duyệt, gia hạn, dừng xử lý hồ sơ")),
            ("supervise_dossier", _("Giám sát hồ sơ các cơ quan cấp dưới")),
        ]
        indexes = INDEXES
        constraints = CONSTRAINTS

    def __str__(self) -> str:
        return self.code or str(_("Hồ sơ nháp"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = searchable_text(self.code, self.applicant_name)
        super().save(*args, **kwargs)

    @property
    def status_code(self) -> int | None:
        return NATIONAL_CODES.get(self.state)

    @property
    def supplement_policy(self) -> str:
        return self.procedure_version.content.get("supplement_policy", "restart")

    def checklist(self) -> list[dict[str, Any]]:
        """The required documents of the version this dossier is filed under."""
        return list(self.procedure_version.content.get("documents", []))

    def uploaded_items(self) -> set[int]:
        """Checklist positions with a file, in any round."""
        items = self.documents.exclude(item=None).values_list("item", flat=True)
        return {item for item in items if item is not None}

    def missing_documents(self) -> list[str]:
        """Names of what applies to this dossier (its channel and answers) and is neither
        uploaded nor received on paper; an alternatives group reads "một trong: A / B".
        """
        return applicability.unmet_requirements(
            self.procedure_version.content,
            self.channel,
            self.answers,
            self.uploaded_items() | set(self.paper_items),
        )

    def missing_supplement_documents(self) -> list[str]:
        """Names of the requested checklist rows without a file of this supplement round."""
        if self.state != State.SUPPLEMENT_REQUESTED:
            return []
        rows = supplements.requested_rows(self.supplement_items)
        if not rows:
            return []
        brought = set(
            self.documents.filter(round=self.supplement_round, item__in=rows).values_list(
                "item", flat=True
            )
        )
        names = supplements.row_names(self, rows)
        return [names[row] for row in rows if row not in brought]

    def clear_decision_request(self) -> None:
        """The draft result is no longer before a leader (sent back, forwarded, or sent out
        for a supplement, after which the specialist checks the dossier again).
        """
        self.decision_requested_at = None
        self.decision_requested_by_id = None
        self.decision_leader_id = None

    def start_clock(self, at: datetime) -> None:
        """Set the due date from the version's time limit for this channel, counted from `at`."""
        due = deadlines.due_from(self.procedure_version, self.channel, at)
        self.due_at = self.original_due_at = due

    # --- transitions -------------------------------------------------------------------
    # django_fsm types permissions and conditions as taking any Model, so checks written for
    # Dossier (as they are called) need the ignores below.

    @transition(
        field=state,
        source=State.DRAFT,
        target=State.SUBMITTED,
        permission=permissions.can_submit,  # type: ignore[arg-type]
        conditions=[has_mandatory_documents],  # type: ignore[list-item]
    )
    def submit(self, *, at: datetime, code: str) -> None:
        self.code = code
        self.submitted_at = at
        self.intake_due_at = deadlines.intake_due(at)

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.RECEIVED,
        permission=permissions.can_receive,  # type: ignore[arg-type]
    )
    def accept(self, *, at: datetime) -> None:
        """The desk checked the dossier: the legal clock starts."""
        self.received_at = at
        self.start_clock(at)

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.NOT_ACCEPTED,
        permission=permissions.can_receive,  # type: ignore[arg-type]
    )
    def refuse(self, *, at: datetime, reason: str) -> None:
        self.closing_reason = reason
        self.finished_at = at

    @transition(
        field=state,
        source=[State.SUBMITTED, State.RECEIVED, State.PROCESSING],
        target=State.SUPPLEMENT_REQUESTED,
        permission=permissions.can_receive,  # type: ignore[arg-type]
        conditions=[never_sent_back],  # type: ignore[list-item]
    )
    def request_supplement(self, *, at: datetime, items: list[int], instructions: str) -> None:
        """Everything missing is listed at once; the clock waits for the applicant, who has
        the supplement period to bring it (Decree 118/2025 Điều 19(5)).
        """
        self.supplement_from_state = self.state
        self.supplement_requested_at = at
        self.supplement_items = list(items)
        self.supplement_instructions = instructions
        self.supplement_due_at = supplements.closing_due_at(self, at)
        self.supplement_round += 1
        self.clear_decision_request()

    @transition(
        field=state,
        source=State.SUPPLEMENT_REQUESTED,
        target=RETURN_VALUE(State.SUBMITTED, State.RECEIVED, State.PROCESSING),
        permission=permissions.can_act_for_applicant,  # type: ignore[arg-type]
        conditions=[has_requested_documents],  # type: ignore[list-item]
    )
    def resubmit(self, *, at: datetime) -> str:
        """Back to where the dossier was; the clock restarts or resumes per the procedure."""
        back = self.supplement_from_state
        if back == State.SUBMITTED:  # the desk checks the completed dossier afresh
            self.intake_due_at = deadlines.intake_due(at)
        if back in CLOCK_STATES and self.received_at is not None:
            requested = self.supplement_requested_at
            assert requested is not None  # set by request_supplement
            wait = [requested.isoformat(), at.isoformat()]
            self.supplement_waits = [*self.supplement_waits, wait]
            self.due_at = self.original_due_at = deadlines.after_supplement(self)
        self.supplement_from_state = ""
        self.supplement_requested_at = None
        self.supplement_due_at = None
        return back

    @transition(
        field=state,
        source=State.RECEIVED,
        target=State.PROCESSING,
        permission=permissions.can_receive,  # type: ignore[arg-type]
    )
    def start_processing(
        self, *, at: datetime, handling_agency_id: int, specialist_id: int | None
    ) -> None:
        self.handling_agency_id = handling_agency_id
        self.assigned_specialist_id = specialist_id

    @transition(
        field=state,
        source=State.PROCESSING,
        target=State.PROCESSING,
        permission=permissions.can_process,  # type: ignore[arg-type]
    )
    def forward(self, *, at: datetime, handling_agency_id: int, specialist_id: int | None) -> None:
        """The next step of the handling, possibly at another agency (liên thông)."""
        self.handling_agency_id = handling_agency_id
        self.assigned_specialist_id = specialist_id
        self.clear_decision_request()

    @transition(
        field=state,
        source=State.PROCESSING,
        target=State.PROCESSING,
        permission=permissions.can_process,  # type: ignore[arg-type]
        conditions=[is_not_awaiting_decision],  # type: ignore[list-item]
    )
    def submit_for_decision(self, *, at: datetime, by_id: int, leader_id: int | None) -> None:
        """The specialist submits the draft result to a leader (Decree 118/2025 Điều 19(3))."""
        self.decision_requested_at = at
        self.decision_requested_by_id = by_id
        self.decision_leader_id = leader_id

    @transition(
        field=state,
        source=State.PROCESSING,
        target=State.PROCESSING,
        permission=permissions.can_decide,  # type: ignore[arg-type]
        conditions=[is_awaiting_decision],  # type: ignore[list-item]
    )
    def send_back(self, *, at: datetime) -> None:
        """The leader returns the draft to the specialists, with the reason in the event."""
        self.clear_decision_request()

    @transition(
        field=state,
        source=State.PROCESSING,
        target=State.PROCESSING,
        permission=permissions.can_decide,  # type: ignore[arg-type]
        conditions=[may_still_extend],  # type: ignore[list-item]
    )
    def extend(self, *, at: datetime, new_due_at: datetime) -> None:
        """The one extension: the original due date is kept beside the new one."""
        self.extended_at = at
        self.extended_due_at = self.due_at = new_due_at

    @transition(
        field=state,
        source=State.PROCESSING,
        target=State.PROCESSING,
        permission=permissions.can_appraise,  # type: ignore[arg-type]
        conditions=[never_sent_back],  # type: ignore[list-item]
    )
    def ask_supplement(
        self, *, at: datetime, by_id: int, items: list[int], instructions: str, reason: str
    ) -> None:
        """The handling agency, after appraisal, asks the desk to send the dossier back for a
        supplement (Decree 118/2025 Điều 19(5)); the desk sends it with request_supplement.
        """
        self.agency_supplement = {"items": items, "instructions": instructions, "reason": reason}
        self.agency_supplement_at = at
        self.agency_supplement_by_id = by_id

    @transition(
        field=state,
        source=State.PROCESSING,
        target=State.AWAITING_PAYMENT,
        permission=permissions.can_process,  # type: ignore[arg-type]
    )
    def request_payment(self, *, at: datetime, amount_vnd: int | None) -> None:
        self.payment_amount_vnd = amount_vnd

    @transition(
        field=state,
        source=State.AWAITING_PAYMENT,
        target=State.PROCESSING,
        permission=permissions.can_receive,  # type: ignore[arg-type]
    )
    def confirm_payment(self, *, at: datetime) -> None:
        self.paid_at = at

    @transition(
        field=state,
        source=State.PROCESSING,
        target=State.RESOLVED,
        permission=permissions.can_decide,  # type: ignore[arg-type]
    )
    def approve(self, *, at: datetime) -> None:
        self.result = Result.GRANTED
        self.finished_at = at

    @transition(
        field=state,
        source=State.PROCESSING,
        target=State.RESOLVED,
        permission=permissions.can_decide,  # type: ignore[arg-type]
    )
    def reject(self, *, at: datetime, reason: str) -> None:
        self.result = Result.REFUSED
        self.result_reason = reason
        self.finished_at = at

    @transition(
        field=state,
        source=[State.PROCESSING, State.SUPPLEMENT_REQUESTED],
        target=State.STOPPED,
        permission=permissions.can_decide,  # type: ignore[arg-type]
    )
    def stop(self, *, at: datetime, reason: str) -> None:
        self.closing_reason = reason
        self.finished_at = at

    @transition(
        field=state,
        source=State.SUPPLEMENT_REQUESTED,
        target=State.STOPPED,
        permission=permissions.can_receive,  # type: ignore[arg-type]
        conditions=[supplement_period_over],  # type: ignore[list-item]
    )
    def close_unsupplemented(self, *, at: datetime) -> None:
        """The supplement period passed without the supplement: the desk closes the dossier
        (Decree 118/2025 Điều 19(5)).
        """
        self.closing_reason = str(supplements.CLOSING_REASON)
        self.finished_at = at

    @transition(
        field=state,
        # Decree 118/2025 Điều 21: at the applicant's request, in any state before the
        # decision, waiting for fees included.
        source=[
            State.SUBMITTED,
            State.RECEIVED,
            State.PROCESSING,
            State.SUPPLEMENT_REQUESTED,
            State.AWAITING_PAYMENT,
        ],
        target=State.WITHDRAWN,
        permission=permissions.can_act_for_applicant,  # type: ignore[arg-type]
    )
    def withdraw(self, *, at: datetime, reason: str) -> None:
        self.closing_reason = reason
        self.finished_at = at

    @transition(
        field=state,
        source=State.RESOLVED,
        target=State.RETURNED,
        permission=permissions.can_receive,  # type: ignore[arg-type]
    )
    def return_result(self, *, at: datetime) -> None:
        self.returned_at = at


def searchable_text(code: str | None, applicant_name: str) -> str:
    return fold(f"{code or ''} {applicant_name}")
