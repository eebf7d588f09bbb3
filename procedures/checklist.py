"""The checklist as a citizen reads it on the procedure page: each row and when it applies.

The keys come from docs/catalogue-format.md ("When a row applies"); this module only words
them. Which rows a given dossier must bring is the dossier side's business
(dossiers/applicability.py); the page shows every row with its "when".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procedures.models import Channel, RequiredDocument

_ONLY_WHEN = {
    Channel.ONLINE: gettext_lazy("nộp trực tuyến"),
    Channel.COUNTER: gettext_lazy("nộp trực tiếp"),
    Channel.POSTAL: gettext_lazy("nộp qua bưu chính"),
}


@dataclass(frozen=True)
class Form:
    """A form (mẫu đơn, tờ khai) named by a row, with its link when the catalogue has one."""

    name: str
    url: str = ""


@dataclass
class ChecklistRow:
    number: int  # the row's position, from 1, as the dossier side counts rows
    document: RequiredDocument
    when: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)


def channels_text(channels: Iterable[str]) -> str:
    """["counter", "postal"] → "Chỉ khi nộp trực tiếp hoặc nộp qua bưu chính"."""
    words = [str(_ONLY_WHEN[Channel(channel)]) for channel in channels if channel in _ONLY_WHEN]
    return _("Chỉ khi %(ways)s") % {"ways": f" {_('hoặc')} ".join(words)}


def _forms(document: RequiredDocument) -> list[Form]:
    names = [name.strip() for name in document.template_name.split(";") if name.strip()]
    # A link given in the catalogue wins; an uploaded file serves when there is no link.
    url = document.template_url or (document.template_file.url if document.template_file else "")
    # One link for the row: it belongs to the form when the row names exactly one.
    return [Form(name, url if len(names) == 1 else "") for name in names]


def checklist_rows(documents: Iterable[RequiredDocument]) -> list[ChecklistRow]:
    rows = [
        ChecklistRow(number, document, forms=_forms(document))
        for number, document in enumerate(documents, start=1)
    ]
    groups: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if row.document.alternative_group:
            groups[row.document.alternative_group].append(row.number)
    for row in rows:
        document = row.document
        if document.alternative_group:
            numbers = ", ".join(str(n) for n in groups[document.alternative_group])
            row.when.append(_("Một trong các giấy tờ số %(numbers)s") % {"numbers": numbers})
        if document.condition:
            row.when.append(_("Nếu: %(question)s") % {"question": document.condition["question"]})
        if document.channels:
            row.when.append(channels_text(document.channels))
    return rows
