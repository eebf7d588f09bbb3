"""The checklist as a dossier's pages show it: only the rows that apply to its channel and
answers, alternatives gathered under "Một trong các giấy tờ sau", optional rows marked.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.utils.translation import gettext_lazy as _

from dossiers import applicability
from dossiers.models import Dossier

STATUS_LABELS = {
    applicability.UPLOADED: _("Đã tải lên"),
    applicability.ON_PAPER: _("Đã nhận bản giấy"),
    applicability.MISSING: _("Còn thiếu"),
    applicability.NOT_NEEDED: _("Không bắt buộc"),
}


def grouped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entries to show: a row alone, or an alternatives group (at its first member's place)."""
    entries: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        group = row.get("group", "")
        if not group:
            entries.append({"group": False, "rows": [row]})
        elif group in groups:
            groups[group]["rows"].append(row)
        else:
            groups[group] = {"group": True, "rows": [row]}
            entries.append(groups[group])
    return entries


def status_rows(
    dossier: Dossier, uploaded: Collection[int], channel: str | None = None
) -> list[dict[str, Any]]:
    """Each row applying to `dossier` with its status (uploaded, on paper, missing, …)."""
    statuses = applicability.row_statuses(
        dossier.procedure_version.content,
        channel or dossier.channel,
        dossier.answers,
        uploaded,
        dossier.paper_items,
    )
    return [
        {
            "item": str(row.position),
            "name": row.name,
            "mandatory": row.is_mandatory,
            "group": row.alternative_group,
            "question": row.question,
            "template_name": row.template_name,
            "template_url": row.template_url,
            "status": status,
            "status_label": STATUS_LABELS[status],
        }
        for row, status in statuses
    ]


def applicable_upload_rows(dossier: Dossier, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of ``checklist_rows`` (with their files) that apply, as grouped entries; the
    "other" row stays last. Files of rows that no longer apply are kept, just not shown here.
    """
    by_item = {row["item"]: row for row in rows}
    uploaded = {int(row["item"]) for row in rows if row["item"] != "other" and row["current"]}
    uploaded |= {int(row["item"]) for row in rows if row["item"] != "other" and row["earlier"]}
    shown = [{**by_item[status["item"]], **status} for status in status_rows(dossier, uploaded)]
    entries = grouped(shown)
    if "other" in by_item:
        entries.append({"group": False, "rows": [by_item["other"]]})
    return entries


def answered(dossier: Dossier) -> list[dict[str, Any]]:
    """The questions the dossier's channel asks, with the answer given (None if none)."""
    return [
        {"key": q.key, "text": q.text, "answer": dossier.answers.get(q.key)}
        for q in applicability.questions(dossier.procedure_version.content, dossier.channel)
    ]
