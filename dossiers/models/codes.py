"""National dossier codes: ``<agency code>-<YYMMDD>-<NNNN>``, per agency and day.

Decree 118/2025 Điều 28(2): the identifier of the agency competent to handle the procedure,
then the day of receipt and the day's sequence number; for a dossier of an inter-agency
group of procedures (liên thông), the identifier of the one-stop desk that received it.
A procedure is inter-agency when the catalogue marks it so (``Procedure.is_inter_agency``);
docs/adr/0014-dossier-code-agency.md gives the reasons.

One counter row per agency and day is bumped by a single ``INSERT … ON CONFLICT DO UPDATE …
RETURNING`` statement. The row stays locked until the caller's transaction ends, so
concurrent submissions queue on it and get consecutive numbers; a rolled-back submission
gives its number back, so the sequence has no gaps.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from dossiers.models.dossier import Dossier
    from procedures.models import Agency


class DossierCodeSequence(models.Model):
    agency = models.ForeignKey(
        "procedures.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    day = models.DateField(_("ngày"))
    last = models.PositiveIntegerField(_("số cuối đã cấp"))

    class Meta:
        verbose_name = _("bộ đếm mã hồ sơ")
        verbose_name_plural = _("bộ đếm mã hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossier_code_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day:%y%m%d}: {self.last}"


def code_agency(dossier: Dossier) -> Agency:
    """The agency whose identifier opens `dossier`'s code (Decree 118/2025 Điều 28(2)(a)):
    the receiving desk's for an inter-agency procedure, else the competent (handling) one.
    """
    if dossier.procedure.is_inter_agency:
        return dossier.receiving_agency
    return dossier.handling_agency


def dossier_code(dossier: Dossier, *, at: datetime) -> str:
    """The next code for `dossier` received at `at`, numbered in its code agency's sequence
    of that day; call inside the transaction that saves it.
    """
    agency = code_agency(dossier)
    return next_code(agency_id=agency.pk, agency_code=agency.code, at=at)


def next_code(*, agency_id: int, agency_code: str, at: datetime) -> str:
    """The next code of `agency` for the local day of `at`; call inside a transaction."""
    day = timezone.localdate(at)
    table = DossierCodeSequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 1) "
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + 1 "
            "RETURNING last",
            [agency_id, day],
        )
        (number,) = cursor.fetchone()
    return format_code(agency_code, day, number)


def format_code(agency_code: str, day: object, number: int) -> str:
    return f"{agency_code}-{day:%y%m%d}-{number:04d}"
