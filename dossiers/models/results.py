"""The result of a decided dossier: the signed document the applicant receives.

Decree 118/2025 Điều 22(1), (4): the result is issued as a document and carries its number
("mã số giấy tờ"); a leader may approve or refuse only once it is attached (one PDF per
dossier, replaced while the dossier is still processing).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dossiers.uploads import PDF, private_storage


def result_path(result: DossierResult, filename: str) -> str:
    # Generated like the documents' names: nothing the uploader typed reaches the disk.
    return f"dossiers/{result.dossier_id}/result-{uuid.uuid4().hex}.pdf"


class DossierResult(models.Model):
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="result_document",
        verbose_name=_("hồ sơ"),
    )
    number = models.CharField(_("số, mã số giấy tờ kết quả"), max_length=100)
    issued_on = models.DateField(_("ngày ban hành"))
    file = models.FileField(
        _("tệp"), storage=private_storage, upload_to=result_path, max_length=200
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=120)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("loại tệp"), max_length=20, default=PDF)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đính kèm"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("đính kèm lúc"))

    class Meta:
        verbose_name = _("văn bản kết quả giải quyết")
        verbose_name_plural = _("văn bản kết quả giải quyết")
        constraints = [
            models.CheckConstraint(condition=Q(content_type=PDF), name="dossier_result_is_pdf"),
            models.CheckConstraint(condition=Q(size__gt=0), name="dossier_result_not_empty"),
            models.CheckConstraint(condition=~Q(number=""), name="dossier_result_has_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"
