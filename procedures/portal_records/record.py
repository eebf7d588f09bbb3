"""The scalar parts of a record: code, name, field, levels, agencies' texts and the result."""

from __future__ import annotations

import re

from procedures.portal_records.problems import Adjustment, Problem, Unreliable
from procedures.portal_records.text import informative, one_line, slug, strip_bullet, truncate

NAME_LIMIT = 500
DECISION_LIMIT = 100

_CODE = re.compile(r"\d\.\d{6}")
# Values of procedures.models.Level.
_LEVELS = {
    "Cấp bộ": "ministry",
    "Cấp tỉnh": "province",
    "Cấp xã": "commune",
    "Cơ quan khác": "other",
}
# Only 59 of 1,147 names open with "Thủ tục", nearly all of them Hộ tịch; citizens and the
# other 1,088 records say "Đăng ký khai sinh", so the prefix goes and the catalogue reads alike.
_PROCEDURE_PREFIX = re.compile(r"^Thủ tục\s*:?\s+")
_RESULT_CODE = re.compile(
    r"Mã:\s*(?:KQ\.[A-Z]\d{2}\.\d{1,6}|\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-KQ\d+|[a-z0-9]+)?"
)
# The result cell runs on into the page's keyword box and agency picker.
_RESULT_CHROME = ("Từ khóa", "Chọn cơ quan thực hiện")


def parse_code(value: str) -> str:
    code = value.strip()
    if not _CODE.fullmatch(code):
        raise Unreliable(Problem.BAD_CODE)
    return code


def parse_name(value: str) -> tuple[str, set[Adjustment]]:
    name = _PROCEDURE_PREFIX.sub("", one_line(value))
    if not name:
        raise Unreliable(Problem.NO_NAME)
    name, cut = truncate(name[0].upper() + name[1:], NAME_LIMIT)
    return name, {Adjustment.NAME_TRUNCATED} if cut else set()


def parse_field(value: str) -> dict[str, str]:
    name = one_line(informative(value))
    if not name:
        raise Unreliable(Problem.NO_FIELD)
    return {"code": slug(name), "name": name}


def parse_levels(value: str) -> list[str]:
    names = [part.strip() for part in value.split(",") if part.strip()]
    if not names or any(name not in _LEVELS for name in names):
        raise Unreliable(Problem.BAD_LEVEL)
    return list(dict.fromkeys(_LEVELS[name] for name in names))


def parse_authority(competent: str, implementing: str) -> str:
    """The competent authority, or failing that the implementing agency the portal names."""
    return one_line(informative(competent) or informative(implementing))


def parse_decision(value: str) -> str:
    return truncate(one_line(value), DECISION_LIMIT)[0]


def parse_result(value: str) -> str:
    """Result document names, without their "Mã: KQ…" codes and the page chrome after them."""
    text = one_line(value)
    for marker in _RESULT_CHROME:
        text = text.split(marker)[0]
    names = (strip_bullet(part).strip(" .,;") for part in _RESULT_CODE.split(text))
    return "; ".join(dict.fromkeys(name for name in names if name))
