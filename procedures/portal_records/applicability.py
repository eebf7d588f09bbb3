"""When a checklist row applies, read from the row's own text and the case heading above it.

The portal's "Thành phần hồ sơ" mixes papers everyone brings with papers that apply only to
one channel ("nếu … nộp hồ sơ theo hình thức trực tiếp"), only in a case ("Trường hợp trẻ em
bị bỏ rơi thì …", "… trong trường hợp ủy quyền …"), only if the applicant has them ("(nếu
có)"), or in place of another row ("hoặc …"). A dossier may only demand what applies
(Decree 118/2025 Điều 15(1)(c): the desk may not ask for papers the procedure does not
require), so each row is classified into the keys of docs/catalogue-format.md: ``channels``,
``condition``, ``alternative_group`` and ``is_mandatory``.

Everything here is a pure function of text. The rules are deliberately conservative: a row
the rules do not recognise stays "always", and an administrator corrects it in the admin
(``ChecklistCorrection``), which survives a rebuild.

Where the rules look:
- the *lead* of the row: a row that opens with a condition marker ("Trường hợp …",
  "Trong trường hợp …", "Đối với …", "Nếu …");
- a *qualifying clause* in the row's first sentence: "… trong trường hợp X", "(nếu X)",
  ", nếu X", "(trường hợp X)", "khi làm thủ tục trực tiếp"; and a closing parenthesis
  that names channels, wherever the row's sentences end;
- the *case heading* the row sits under (a "Trường hợp …" title before the table's column
  header, or a zero-quantity "Trường hợp …:" line), passed in by the documents parser.
Later sentences are not read: they are the portal's exceptions ("Trường hợp … thì không
phải chứng thực"), not conditions of the row. A clause after ";" that ends in "thì …"
("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp …") names a substitute for
the same paper, so it does not make the row conditional either.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from onestop.text import fold
from procedures.portal_records.text import slug, truncate

ONLINE = "online"
COUNTER = "counter"
POSTAL = "postal"
CHANNEL_ORDER = (ONLINE, COUNTER, POSTAL)

# Applicability classes, in the order the contract checks them (first that matches).
OPTIONAL = "optional"
ALTERNATIVE = "alternative"
CONDITION = "condition"
CHANNEL = "channel"
ALWAYS = "always"
CLASSES = (OPTIONAL, ALTERNATIVE, CONDITION, CHANNEL, ALWAYS)

# Conditions everyone meets in many procedures get a stable key and a fixed question, so the
# dossier side and the admin can rely on them.
AUTHORISATION = "uy-quyen"
WELL_KNOWN = {AUTHORISATION: "Anh/chị nộp thay người khác theo ủy quyền?"}
QUESTION = "Hồ sơ thuộc trường hợp: {clause}?"
KEY_LIMIT = 60
CLAUSE_LIMIT = 160

# --- markers ----------------------------------------------------------------------------
# Rule "optional": the portal writes "(nếu có)" after a paper the applicant brings only
# when they have one; it is not required even when it applies.
_IF_ANY = re.compile(r"\(\s*nếu\s+có\s*\)", re.IGNORECASE)
# Rule "lead condition": the row itself opens with the case it belongs to.
_LEAD = re.compile(
    r"^(?:đối với trường hợp|trong trường hợp|trường hợp|đối với|nếu)\s+", re.IGNORECASE
)
# The lead clause ends where the row starts saying what to bring.
_LEAD_END = re.compile(r"\s+thì\s+|\s+(?:phải|cần)\s+|:\s*", re.IGNORECASE)
# Rule "qualifying clause": a clause that narrows the row, inside its first sentence.
_CLAUSE = re.compile(
    r"(?:\(\s*|,\s*|\s)(?P<marker>trong trường hợp|đối với trường hợp|trường hợp|nếu|khi)\s+"
    r"(?P<clause>[^();]+)",
    re.IGNORECASE,
)
# A clause stops at the legal reference that explains it, which makes no question.
_CLAUSE_TAIL = re.compile(
    r"(?:\s+(?:theo (?:các )?(?:phương thức|quy định)|quy định tại|thì)\b"
    r"|,?\s+(?:hồ sơ (?:bao )?gồm|trừ)\b).*$",
    re.IGNORECASE,
)
# Rule "channels": words that name a way of filing. Counter filing is "trực tiếp" after a
# verb of filing or "hình thức"; "trực tiếp" alone often means "directly" ("người trực tiếp
# sử dụng"), so it does not count.
_CHANNEL_WORDS = (
    (ONLINE, re.compile(r"trực tuyến|cổng dịch vụ công|điện tử tương tác", re.IGNORECASE)),
    (POSTAL, re.compile(r"bưu chính", re.IGNORECASE)),
    (
        COUNTER,
        re.compile(
            r"(?:hình thức|nộp(?: hồ sơ)?|gửi hồ sơ|làm thủ tục|thực hiện|tiếp nhận)\s+"
            r"(?:(?:theo|bằng)\s+hình thức\s+)?trực tiếp",
            re.IGNORECASE,
        ),
    ),
)
# Rule "alternative": a row that opens with "hoặc" is another way to satisfy the row before.
_CLOSING_NOTE = re.compile(
    r"\((?:nếu|trong trường hợp|trường hợp|đối với)\s+(?P<clause>[^()]+)\)\s*[.;]?\s*$",
    re.IGNORECASE,
)
_THEN = re.compile(r"\s+thì\s+", re.IGNORECASE)
_OR_LEAD = re.compile(r"^hoặc\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\.\s+(?=[A-ZĐÀ-Ỹ])")
_ENUMERATOR = re.compile(r"^(?:[*\-+•]\s*)*(?:\(?[a-zđ](?:\.\d+)?\)|[ivx]+\.|[IVX]+\.|\d+[.)])?\s*")


def first_sentence(text: str) -> str:
    """The row up to its first full stop followed by a capital: later sentences are the
    portal's exceptions to the row, not conditions of it."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def channels_in(clause: str) -> list[str]:
    """The channels a clause names, in the fixed order online, counter, postal."""
    named = {channel for channel, words in _CHANNEL_WORDS if words.search(clause)}
    return [channel for channel in CHANNEL_ORDER if channel in named]


def _tidy(clause: str) -> str:
    clause = _CLAUSE_TAIL.sub("", clause.strip())
    if clause.count("(") > clause.count(")"):
        clause = clause[: clause.rindex("(")]  # "cá nhân (bảo lãnh …": the aside was cut off
    clause = clause.strip(" .,;:)")
    return truncate(clause, CLAUSE_LIMIT)[0]


def condition_for(clause: str) -> dict[str, str] | None:
    """The {key, question} of a condition clause; None when nothing is left of it."""
    clause = _tidy(clause)
    if not clause:
        return None
    folded = fold(clause)
    # Rule "uy-quyen": any clause about acting under an authorisation is the one well-known
    # question, so every procedure asks it in the same words.
    if "uy quyen" in folded:
        return {"key": AUTHORISATION, "question": WELL_KNOWN[AUTHORISATION]}
    key = slug(clause)[:KEY_LIMIT].rstrip("-")
    if "-" in key and len(slug(clause)) > KEY_LIMIT:
        key = key.rsplit("-", 1)[0]  # a whole word, so the key reads as the clause
    return {"key": key, "question": QUESTION.format(clause=clause[0].lower() + clause[1:])}


def _lead_clause(text: str) -> str | None:
    match = _LEAD.match(text)
    if not match:
        return None
    rest = text[match.end() :]
    end = _LEAD_END.search(rest)
    clause = rest[: end.start()] if end else rest
    if end and len(re.findall(r"[^\W\d_]+", clause)) < 2:
        # "Trường hợp 2: Đăng ký …": the number names the case, the words after it describe it.
        clause = rest
    return clause


def _qualifying_clauses(sentence: str) -> list[tuple[str, str]]:
    """(marker, clause) pairs inside the first sentence, the "(nếu có)" marker left out."""
    clauses = []
    for match in _CLAUSE.finditer(sentence):
        marker, clause = fold(match["marker"]), match["clause"]
        if fold(clause).startswith("co") and fold(clause).strip(" .") == "co":
            continue  # "(nếu có)"
        # "; trường hợp không có X thì …", "nếu không có Y thì …": a substitute for this very
        # paper or a consequence, not a condition of the row.
        if _THEN.search(clause):
            continue
        # "khi" and bare "trường hợp" narrow a row only when they name a channel
        # ("khi làm thủ tục trực tiếp"); otherwise they describe use, not applicability.
        if marker in ("khi", "truong hop") and not channels_in(clause):
            continue
        clauses.append((marker, clause))
    return clauses


def classify(name: str, heading: str = "") -> dict[str, Any]:
    """The applicability keys of one row: is_mandatory, channels, condition.

    `heading` is the case heading the row sits under, if any ("Trường hợp …").
    Alternatives need the neighbouring rows: see :func:`group_alternatives`.
    """
    text = name.strip()
    channels: list[str] = []
    condition: dict[str, str] | None = None
    is_mandatory = not _IF_ANY.search(text)
    sentence = first_sentence(_OR_LEAD.sub("", text))
    found: list[str] = []
    lead = _lead_clause(sentence)
    if lead is not None:
        found.append(lead)
    found += [clause for _marker, clause in _qualifying_clauses(sentence)]
    # Rule "closing channel note": a parenthesis that closes the whole row and names channels
    # ("… (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)") qualifies the
    # row even after its first sentence.
    closing = _CLOSING_NOTE.search(text)
    if closing and closing["clause"] not in sentence and channels_in(closing["clause"]):
        found.append(closing["clause"])
    # Rule "authorisation paper": the authorisation letter itself is brought only when
    # someone files for another person, whatever words follow it.
    if re.match(r"^(?:văn bản|giấy|hợp đồng)\s+(?:ủy|uỷ)\s+quyền", text, re.IGNORECASE):
        found.append("ủy quyền")
    for clause in found:
        named = channels_in(clause)
        if named:
            # A clause that names channels limits the row to them rather than asking a question.
            channels = sorted(set(channels) | set(named), key=CHANNEL_ORDER.index)
        elif condition is None:
            condition = condition_for(clause)
    if heading and condition is None and not channels:
        heading_clause = _lead_clause(_ENUMERATOR.sub("", heading).strip().rstrip(":"))
        if heading_clause:
            channels = channels_in(heading_clause)
            if not channels:
                condition = condition_for(heading_clause)
    return {"is_mandatory": is_mandatory, "channels": channels, "condition": condition}


def is_case_heading(title: str) -> bool:
    """Whether a section title or a zero-quantity line opens a case ("Trường hợp …:")."""
    return _lead_clause(_ENUMERATOR.sub("", title).strip()) is not None


def group_alternatives(rows: list[dict[str, Any]]) -> None:
    """Set ``alternative_group`` on rows that are alternatives of each other, in place.

    Rule "hoặc": a row that opens with "hoặc" is an alternative to the row before it (and to
    that row's own alternatives). Groups are named "nhom-<position of the first row>".
    Nothing else is read as an alternative: a wrong group would let one paper stand for
    another, which is worse than asking for both and letting the admin correct it.
    """
    for index, row in enumerate(rows):
        if index and _OR_LEAD.match(str(row["name"])):
            previous = rows[index - 1]
            group = previous.get("alternative_group") or f"nhom-{index}"
            previous["alternative_group"] = group
            row["alternative_group"] = group


def unify_questions(rows: list[dict[str, Any]]) -> None:
    """Rows of one procedure sharing a condition key get the first row's question, in place."""
    questions: dict[str, str] = {}
    for row in rows:
        condition = row.get("condition")
        if condition:
            condition["question"] = questions.setdefault(condition["key"], condition["question"])


def applicability_class(row: Mapping[str, Any]) -> str:
    """The class of a row for reports and the admin: the first that matches, in CLASSES order."""
    if not row.get("is_mandatory", True):
        return OPTIONAL
    if row.get("alternative_group"):
        return ALTERNATIVE
    if row.get("condition"):
        return CONDITION
    if row.get("channels"):
        return CHANNEL
    return ALWAYS


def class_counts(rows: Iterable[Mapping[str, Any]]) -> Counter[str]:
    counts: Counter[str] = Counter({name: 0 for name in CLASSES})
    counts.update(applicability_class(row) for row in rows)
    return counts
