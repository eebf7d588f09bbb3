"""One background task waiting for, or handed to, the broker."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxTask(models.Model):
    """A Celery task by name with JSON arguments; ``sent_at`` is set once the broker took it
    (or, with tasks run in-process, once it ran). ``last_error`` says why the last try failed.
    """

    task_name = models.CharField(_("tác vụ"), max_length=200)
    args = models.JSONField(_("tham số"), default=list)
    kwargs = models.JSONField(_("tham số có tên"), default=dict)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("tác vụ chờ gửi")
        verbose_name_plural = _("tác vụ chờ gửi")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_task_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk}"
