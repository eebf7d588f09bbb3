"""The files of a dossier: one per checklist item (or "other"), per supplement round."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dossiers.uploads import DETECTED_TYPES, EXTENSIONS, private_storage


def document_path(document: DossierDocument, filename: str) -> str:
    # The name on disk is generated: nothing the uploader typed reaches the file system.
    return f"dossiers/{document.dossier_id}/{uuid.uuid4().hex}{EXTENSIONS[document.content_type]}"


class DossierDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="documents"
    )
    # Position (from 1) in the checklist of the dossier's procedure version; None = "other".
    item = models.PositiveSmallIntegerField(_("thành phần hồ sơ số"), null=True, blank=True)
    item_name = models.CharField(_("tên thành phần"), max_length=500)
    # 0 for the first filing, n for the files brought by the n-th supplement.
    round = models.PositiveSmallIntegerField(_("lần bổ sung (0: nộp lần đầu)"), default=0)
    file = models.FileField(
        _("tệp"), storage=private_storage, upload_to=document_path, max_length=200
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=120)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("loại tệp"), max_length=20, choices=DETECTED_TYPES)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"))

    class Meta:
        ordering = ["dossier", "round", "item", "uploaded_at"]
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "item", "round"],
                condition=Q(item__isnull=False),
                name="dossier_document_one_per_item_and_round",
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="dossier_document_not_empty"),
            models.CheckConstraint(
                condition=Q(content_type__in=[value for value, _label in DETECTED_TYPES]),
                name="dossier_document_allowed_type",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def round_label(self) -> str:
        if not self.round:
            return str(_("Nộp lần đầu"))
        return str(_("Lần bổ sung %(round)s")) % {"round": self.round}

    def describe(self) -> dict[str, Any]:
        return {"item": self.item, "name": self.original_name, "size": self.size}
