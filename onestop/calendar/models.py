"""Days the administrators add to or take from the official calendar."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc")


class CalendarOverride(models.Model):
    """An extra day off (a provincial holiday, a decided closure) or an extra working day
    (a make-up Saturday, a holiday the province works). It beats the ``holidays`` package.
    """

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=OverrideKind.choices)
    name = models.CharField(
        _("tên ngày"),
        max_length=200,
        help_text=_("Hiển thị trên lịch, ví dụ “Ngày giải phóng tỉnh” hoặc “Làm bù”."),
    )
    reason = models.TextField(
        _("căn cứ, lý do"),
        help_text=_("Văn bản quyết định hoặc lý do thay đổi, ví dụ “Công văn số …/UBND”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("ngày điều chỉnh lịch làm việc")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OverrideKind.values), name="calendar_override_kind"
            ),
            models.CheckConstraint(
                condition=~models.Q(name="") & ~models.Q(reason=""),
                name="calendar_override_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.name}"

    def clean(self) -> None:
        """Refuse an override that would change nothing, which usually means a wrong date."""
        super().clean()
        if self.date is None or not self.kind:
            return
        from onestop.calendar.holidays_source import official_days

        official = official_days([self.date.year])
        weekend = self.date.weekday() >= 5
        working = self.date in official.working_days or (
            not weekend and self.date not in official.days_off
        )
        if self.kind == OverrideKind.WORKING_DAY and working:
            raise ValidationError(
                {"date": _("Ngày này vốn đã là ngày làm việc theo lịch chính thức.")}
            )
        if self.kind == OverrideKind.DAY_OFF and not working:
            raise ValidationError({"date": _("Ngày này vốn đã là ngày nghỉ theo lịch chính thức.")})
