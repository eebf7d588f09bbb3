"""Catalogue search: whole words and word prefixes of the folded code and name.

How a query is read (docs/procedures.md, "Search"):

- The code and name are folded (no accents, lower case, "đ" → "d") and cut into words;
  punctuation separates words, except a dot between two digits ("1.001193" is one word).
  ``Procedure.search_text`` keeps those words as `` word word … `` with a space before
  each, so a query word matches the start of a word with ``LIKE '% word%'``: "ket" finds
  "Kết hôn" but "hon" no longer finds "thống", and a half-typed last word still matches.
- Words that only join a sentence ("cho", "của", "và"…) are dropped, unless nothing else
  is left: "khai sinh cho con" searches "khai", "sinh", "con".
- Common abbreviations and the phrases they stand for are one term that either spelling
  satisfies (:data:`SYNONYMS`): "cấp GPLX" finds "Cấp giấy phép lái xe", and "ủy ban nhân
  dân" finds a name that writes "UBND".
- A procedure must match every term when there are one or two, and all but one when there
  are three or more, so an extra word a citizen adds ("con" in "khai sinh cho con") does
  not hide the procedure they mean. Results come by the number of terms matched as whole
  words, then frequent procedures, then the number of terms matched at all (a word start
  counts: "con" starts "công"), then the shortest name.

Everything runs in the database on the precomputed column, in one query, on PostgreSQL
(where a trigram index serves the ``LIKE``) and on SQLite alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import CombinedExpression
from django.utils.translation import gettext as _

from onestop.text import fold

# A folded word; a dot joins digits of a code, never words of a sentence.
_WORD = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")

# Abbreviation → the phrases it stands for, folded. Either spelling in a query matches
# either spelling in a name. Card names follow the 2023 Law on Identification ("thẻ căn
# cước" replaced "căn cước công dân"), so "căn cước" alone covers both.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "cccd": ("can cuoc cong dan", "can cuoc"),
    "cmnd": ("chung minh nhan dan",),
    "gplx": ("giay phep lai xe",),
    "gcn": ("giay chung nhan",),
    "qsdd": ("quyen su dung dat",),
    "ubnd": ("uy ban nhan dan",),
    "lltp": ("ly lich tu phap",),
}

# Folded words that only join a sentence. A word whose folded form is also a content word
# of the catalogue stays out: "can" (căn cước), "the" (thẻ), "tai" (tái cấp), "de" (đề
# nghị), "thu" (thú y, thu hồi), "lam" (lâm nghiệp), "ma" (mã số), "thi" (thi sát hạch),
# "minh" (chứng minh), "duoc" (dược).
STOP_WORDS = frozenset(
    {"cho", "cua", "va", "voi", "ve", "la", "o", "toi", "muon", "nao", "gi", "cac", "nhung"}
    | {"mot", "hay", "hoac", "xin"}
)


# "cho con", "cho bé", "cho mẹ"…: whom the applicant files for, which names no procedure.
# Dropped as a pair, so that "khai sinh cho con" asks for "khai sinh" and finds the birth
# registration before the rows that merely hold "con" ("… nhận cha, mẹ, con").
BENEFICIARIES = frozenset(
    {"con", "be", "tre", "chau", "em", "me", "bo", "cha", "ong", "ba", "vo", "chong", "toi"}
)


def without_beneficiary(query_words: list[str]) -> list[str]:
    kept: list[str] = []
    position = 0
    while position < len(query_words):
        pair = query_words[position : position + 2]
        if len(pair) == 2 and pair[0] == "cho" and pair[1] in BENEFICIARIES:
            position += 2
            continue
        kept.append(query_words[position])
        position += 1
    return kept


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def searchable_text(code: str, name: str) -> str:
    """The value of ``Procedure.search_text``: a space before every word, one at the end.

    The code's number after the dot is a word too, so "001193" finds "1.001193".
    """
    code_words = words(code)
    if "." in code:
        code_words.append(code.split(".", 1)[1])
    return " " + " ".join([*code_words, *words(name)]) + " "


@dataclass(frozen=True)
class Term:
    """One thing the query asks for, satisfied by any of its spellings (word sequences)."""

    spellings: tuple[str, ...]

    def condition(self, *, whole: bool = False) -> Q:
        """A row whose words start with a spelling (or, if `whole`, hold it as words)."""
        end = " " if whole else ""
        match = Q()
        for spelling in self.spellings:
            match |= Q(search_text__contains=f" {spelling}{end}")
        return match


def _phrases() -> list[tuple[list[str], str]]:
    """(phrase words, abbreviation), longest phrases first so they are taken whole."""
    found = [(phrase.split(), short) for short, phrases in SYNONYMS.items() for phrase in phrases]
    return sorted(found, key=lambda row: -len(row[0]))


def _spellings(short: str) -> tuple[str, ...]:
    return (short, *SYNONYMS[short])


# No name needs more; a longer query (a pasted paragraph, a hostile one) is cut here so the
# SQL stays small.
MAX_TERMS = 12


def terms(query: str) -> list[Term]:
    """The query's first :data:`MAX_TERMS` terms, in order, without duplicates and without
    stop-words."""
    given = words(query[:1000])
    significant = [word for word in without_beneficiary(given) if word not in STOP_WORDS] or given
    found: list[Term] = []
    position = 0
    while position < len(significant):
        term, width = _term_at(significant, position)
        if term not in found:
            found.append(term)
        position += width
    return found[:MAX_TERMS]


def _term_at(query_words: list[str], position: int) -> tuple[Term, int]:
    for phrase, short in _phrases():
        if query_words[position : position + len(phrase)] == phrase:
            return Term(_spellings(short)), len(phrase)
    word = query_words[position]
    if word in SYNONYMS:
        return Term(_spellings(word)), 1
    return Term((word,)), 1


def required_matches(count: int) -> int:
    """Every term of a short query; all but one of a longer one."""
    return count if count <= 2 else count - 1


def rank_expression(found: list[Term], *, whole: bool = False) -> CombinedExpression | Value:
    """How many of the terms a row matches (as whole words if `whole`), in one expression."""
    total: CombinedExpression | Value = Value(0)
    for term in found:
        matched = Case(
            When(term.condition(whole=whole), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        total = total + matched  # type: ignore[assignment]
    return total


# A national procedure code, as `procedure_code_validator` has it.
_CODE = re.compile(r"\d\.\d{6}")
CANDIDATES_SHOWN = 5
_LOOKED_AT = 50


class NoSingleProcedure(Exception):
    """A code or name that names no procedure, or several: ``message`` says which, in
    Vietnamese, with up to :data:`CANDIDATES_SHOWN` candidates."""

    def __init__(self, message: str, candidates: list[Any]) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = candidates


def find_one(text: str, procedures: QuerySet[Any]) -> Any:
    """The one procedure of `procedures` that `text` names, by code or by name.

    A code is taken as it is. A name names a procedure when it is exactly that procedure's
    name (accents, case and punctuation aside), or when the search finds only that one.
    Raises :class:`NoSingleProcedure` otherwise. At most three queries.
    """
    text = text.strip()
    if _CODE.fullmatch(text):
        found = procedures.filter(code=text).first()
        if found is None:
            raise NoSingleProcedure(
                _("Không có thủ tục đã công bố với mã %(code)s.") % {"code": text}, []
            )
        return found
    wanted = words(text)
    matches = list(procedures.search(text).best_matches_first()[:_LOOKED_AT])  # type: ignore[attr-defined]
    exact = [procedure for procedure in matches if words(procedure.name) == wanted]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NoSingleProcedure(
            _(
                "Không tìm thấy thủ tục nào khớp với “%(text)s”. Hãy gõ mã thủ tục (ví dụ "
                "1.001193) hoặc tên thủ tục."
            )
            % {"text": text},
            [],
        )
    candidates = (exact or matches)[:CANDIDATES_SHOWN]
    listed = "; ".join(f"{procedure.code} {procedure.name}" for procedure in candidates)
    raise NoSingleProcedure(
        _(
            "Có nhiều thủ tục khớp với “%(text)s”; hãy gõ mã hoặc tên đầy đủ của thủ tục cần "
            "chọn. Ví dụ: %(candidates)s."
        )
        % {"text": text, "candidates": listed},
        candidates,
    )
