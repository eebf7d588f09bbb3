"""Which checklist rows a dossier must bring, given how it is filed and the applicant's case.

A row of ``ProcedureVersion.content["documents"]`` (the catalogue exchange format) may apply
only to some channels, only when a named condition holds (a yes/no question put to the
applicant), or be one of an alternatives group where any one member is enough. The keys and
their defaults are those of docs/catalogue-format.md; a version written before they existed
has none of them, and every row then applies always, as before.

Decree 118/2025 Điều 16(1)(a) has the applicant told which papers they must bring, and
Điều 17(1)(c), 17(2) have the desk check that the dossier is complete "theo quy định": what
is complete depends on the applicant's case, so a row that does not apply to it is never
asked for. Everything here is pure: no database, no request.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Row:
    """One checklist row, numbered from 1 by its position in the version."""

    position: int
    name: str
    is_mandatory: bool = True
    channels: tuple[str, ...] = ()
    condition_key: str = ""
    question: str = ""
    alternative_group: str = ""
    form: str = ""
    template_name: str = ""
    template_url: str = ""

    @classmethod
    def read(cls, position: int, data: Mapping[str, Any]) -> Row:
        """The row at `position` as stored; a key left out takes its default."""
        condition = data.get("condition") or {}
        return cls(
            position=position,
            name=str(data.get("name", "")),
            is_mandatory=bool(data.get("is_mandatory", True)),
            channels=tuple(data.get("channels") or ()),
            condition_key=str(condition.get("key") or ""),
            question=str(condition.get("question") or ""),
            alternative_group=str(data.get("alternative_group") or ""),
            form=str(data.get("form") or ""),
            template_name=str(data.get("template_name") or ""),
            template_url=str(data.get("template_url") or ""),
        )

    def fits_channel(self, channel: str) -> bool:
        return not self.channels or channel in self.channels

    def applies(self, channel: str, answers: Mapping[str, Any]) -> bool:
        """For this channel, and its condition (if any) answered yes: an unanswered
        condition does not hold.
        """
        if not self.fits_channel(channel):
            return False
        return not self.condition_key or answers.get(self.condition_key) is True

    def is_required(self, channel: str, answers: Mapping[str, Any]) -> bool:
        return self.is_mandatory and self.applies(channel, answers)


@dataclass(frozen=True)
class Question:
    key: str
    text: str


def rows_of(content: Mapping[str, Any]) -> list[Row]:
    """Every row of the version, whether it applies or not."""
    return [Row.read(number, data) for number, data in enumerate(content.get("documents", []), 1)]


def applicable_rows(
    content: Mapping[str, Any], channel: str, answers: Mapping[str, Any]
) -> list[Row]:
    """The rows that apply to a dossier filed through `channel` with these `answers`,
    optional ones ("nếu có") included.
    """
    return [row for row in rows_of(content) if row.applies(channel, answers)]


def questions(content: Mapping[str, Any], channel: str | None = None) -> list[Question]:
    """The conditions the version's rows use (for `channel` only, when given), each once, in
    the order of the first row that uses it.
    """
    found: dict[str, Question] = {}
    for row in rows_of(content):
        if row.condition_key and (channel is None or row.fits_channel(channel)):
            found.setdefault(row.condition_key, Question(row.condition_key, row.question))
    return list(found.values())


def condition_keys(content: Mapping[str, Any]) -> set[str]:
    return {question.key for question in questions(content)}


def group_name(rows: Iterable[Row]) -> str:
    return _("một trong: %(names)s") % {"names": " / ".join(row.name for row in rows)}


def unmet_requirements(
    content: Mapping[str, Any],
    channel: str,
    answers: Mapping[str, Any],
    satisfied_positions: Collection[int],
) -> list[str]:
    """Names of what the dossier still lacks, in checklist order.

    A row is required when it is mandatory and applies. An alternatives group is required
    when one of its members is, and satisfied by any member; it is named "một trong: A / B"
    after its members that apply. Satisfied = uploaded, or received on paper at the desk.
    """
    rows = rows_of(content)
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.alternative_group:
            groups.setdefault(row.alternative_group, []).append(row)
    missing: list[str] = []
    named_groups: set[str] = set()
    for row in rows:
        group = row.alternative_group
        if not group:
            if row.is_required(channel, answers) and row.position not in satisfied_positions:
                missing.append(row.name)
            continue
        if group in named_groups:
            continue
        members = groups[group]
        if not any(member.is_required(channel, answers) for member in members):
            continue
        named_groups.add(group)
        if not any(member.position in satisfied_positions for member in members):
            missing.append(group_name(m for m in members if m.applies(channel, answers)))
    return missing


# What a row of a dossier's checklist shows, beside its name.
UPLOADED = "uploaded"
ON_PAPER = "paper"
MISSING = "missing"
NOT_NEEDED = "not_needed"  # optional, or another member of its group is there


def row_statuses(
    content: Mapping[str, Any],
    channel: str,
    answers: Mapping[str, Any],
    uploaded: Collection[int],
    on_paper: Collection[int],
) -> list[tuple[Row, str]]:
    """Each applicable row with its status: uploaded, received on paper, missing, or not
    needed (optional, or its alternatives group already satisfied).
    """
    satisfied = set(uploaded) | set(on_paper)
    groups_done = {
        row.alternative_group
        for row in rows_of(content)
        if row.alternative_group and row.position in satisfied
    }
    result = []
    for row in applicable_rows(content, channel, answers):
        if row.position in uploaded:
            status = UPLOADED
        elif row.position in on_paper:
            status = ON_PAPER
        elif not row.is_mandatory or row.alternative_group in groups_done:
            status = NOT_NEEDED
        else:
            status = MISSING
        result.append((row, status))
    return result


def answers_errors(content: Mapping[str, Any], answers: Mapping[str, Any]) -> list[str]:
    """Why `answers` do not fit the version: keys it does not ask about, values not yes/no."""
    known = condition_keys(content)
    problems = []
    unknown = sorted(set(answers) - known)
    if unknown:
        problems.append(_("Thủ tục này không có câu hỏi: %(keys)s.") % {"keys": ", ".join(unknown)})
    if any(not isinstance(value, bool) for value in answers.values()):
        problems.append(_("Mỗi câu trả lời là true (có) hoặc false (không)."))
    return problems


def positions_errors(content: Mapping[str, Any], positions: Iterable[Any]) -> list[str]:
    """Why `positions` are not all rows of the version's checklist."""
    count = len(content.get("documents", []))
    outside = sorted(
        {
            str(p)
            for p in positions
            if isinstance(p, bool) or not isinstance(p, int) or not 1 <= p <= count
        }
    )
    if outside:
        return [
            _("Danh mục giấy tờ có %(count)s thành phần (từ 1): không có %(items)s.")
            % {"count": count, "items": ", ".join(outside)}
        ]
    return []
