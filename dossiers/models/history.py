"""The append-only history of a dossier: one event per transition, never edited.

On PostgreSQL triggers reject every UPDATE and DELETE of this table (migration 0003) and
every TRUNCATE of it, named or by cascade (migration 0006, docs/adr/0004), so not even a bug
or a hand-typed query can rewrite or erase what happened.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dossiers.models.states import State


class DossierEvent(models.Model):
    class Kind(models.TextChoices):
        CREATE = "create", _("Tạo hồ sơ")
        COUNTER_INTAKE = "counter_intake", _("Tiếp nhận trực tiếp")
        SUBMIT = "submit", _("Nộp hồ sơ")
        ACCEPT = "accept", _("Tiếp nhận")
        REFUSE = "refuse", _("Từ chối tiếp nhận")
        REQUEST_SUPPLEMENT = "request_supplement", _("Yêu cầu bổ sung")
        RESUBMIT = "resubmit", _("Nộp bổ sung")
        START_PROCESSING = "start_processing", _("Chuyển xử lý")
        FORWARD = "forward", _("Chuyển bước xử lý")
        SUBMIT_FOR_DECISION = "submit_for_decision", _("Trình lãnh đạo")
        SEND_BACK = "send_back", _("Lãnh đạo trả lại để xử lý tiếp")
        EXTEND = "extend", _("Gia hạn")
        REQUEST_PAYMENT = "request_payment", _("Yêu cầu thực hiện nghĩa vụ tài chính")
        CONFIRM_PAYMENT = "confirm_payment", _("Xác nhận đã nộp phí")
        APPROVE = "approve", _("Phê duyệt")
        REJECT = "reject", _("Từ chối giải quyết")
        STOP = "stop", _("Dừng xử lý")
        WITHDRAW = "withdraw", _("Rút hồ sơ")
        RETURN_RESULT = "return_result", _("Trả kết quả")
        RECOMPUTE_DUE = "recompute_due", _("Tính lại hạn giải quyết theo lịch làm việc mới")
        ASK_SUPPLEMENT = "ask_supplement", _("Cơ quan giải quyết đề nghị bổ sung hồ sơ")
        CLOSE_UNSUPPLEMENTED = "close_unsupplemented", _("Đóng hồ sơ không được bổ sung")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="events", db_index=False
    )
    kind = models.CharField(_("thao tác"), max_length=30, choices=Kind.choices)
    from_state = models.CharField(_("từ trạng thái"), max_length=30, blank=True)
    to_state = models.CharField(_("sang trạng thái"), max_length=30, choices=State.choices)
    # PROTECT: an account with history is deactivated, never deleted (the trigger would
    # refuse the SET NULL anyway).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    agency = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"))
    reason = models.TextField(_("lý do, ghi chú"), blank=True)
    # Whether the applicant may read `reason`: a note is internal unless the officer ticked
    # "gửi cho người nộp"; the reasons of APPLICANT_REASON_KINDS always reach the applicant.
    shared_with_applicant = models.BooleanField(_("gửi cho người nộp"), default=False)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)

    class Meta:
        ordering = ["dossier", "at", "id"]
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        indexes = [models.Index(fields=["dossier", "at", "id"], name="dossier_event_timeline_idx")]
        constraints = [
            # The one extension the law allows, enforced where no code path can skip it.
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(kind="extend"), name="dossier_one_extension"
            ),
            models.CheckConstraint(
                condition=Q(to_state__in=State.values), name="event_valid_state"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d/%m/%Y %H:%M}"

    @property
    def for_applicant(self) -> bool:
        """Whether the applicant may read `reason`: sent to them, or a reason they are owed
        (also for events recorded before the flag existed, which the history cannot update).
        """
        return self.shared_with_applicant or self.kind in APPLICANT_REASON_KINDS

    @property
    def applicant_text(self) -> str:
        """The reason or note as the applicant may read it: empty for an internal note."""
        return self.reason if self.for_applicant else ""

    @classmethod
    def record(
        cls,
        dossier: Any,
        *,
        kind: str,
        actor: Any,
        before: str,
        at: datetime,
        reason: str = "",
        details: dict[str, Any] | None = None,
        actor_name: str | None = None,
        shared: bool = False,
    ) -> DossierEvent:
        """Append the event of one transition of `dossier` (already in its new state).

        `actor_name` names an actor without an account (the system running a command). The
        reason of a kind in APPLICANT_REASON_KINDS is always shared with the applicant; any
        other text only when `shared`.
        """
        if actor_name is None:
            actor_name = actor.get_full_name() if actor is not None else ""
        return cls.objects.create(
            dossier=dossier,
            kind=kind,
            from_state=before,
            to_state=dossier.state,
            actor=actor,
            actor_name=actor_name,
            agency_id=getattr(actor, "agency_id", None),
            at=at,
            reason=reason,
            shared_with_applicant=bool(reason) and (shared or kind in APPLICANT_REASON_KINDS),
            details=details or {},
        )


# Reasons the applicant must be given, whatever the officer ticks: refusal at intake
# (Decree 118/2025 Điều 17(1)(c)), supplement request (Điều 19(5)), refusal to grant
# (Điều 19(3)), stop, withdrawal (Điều 21) and the extension's apology (Điều 19(6)). Closing
# an unsupplemented dossier has a fixed reason on the dossier; its note is the desk's.
APPLICANT_REASON_KINDS = frozenset(
    {
        DossierEvent.Kind.REFUSE,
        DossierEvent.Kind.REQUEST_SUPPLEMENT,
        DossierEvent.Kind.REJECT,
        DossierEvent.Kind.STOP,
        DossierEvent.Kind.WITHDRAW,
        DossierEvent.Kind.EXTEND,
    }
)


class ApplicantNotice(models.Model):
    """That the applicant was told of one event, so a retried task never e-mails twice."""

    event = models.OneToOneField(DossierEvent, on_delete=models.PROTECT, related_name="notice")
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    recipient = models.EmailField(_("người nhận"), blank=True)

    class Meta:
        verbose_name = _("thông báo cho người nộp")
        verbose_name_plural = _("thông báo cho người nộp")

    def __str__(self) -> str:
        return f"{self.event_id} → {self.recipient}"
