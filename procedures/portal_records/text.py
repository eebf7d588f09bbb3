"""Text clean-up shared by the parsers of the portal's flattened sections."""

from __future__ import annotations

import re
import unicodedata

from onestop.text import fold

NO_INFO = "Không có thông tin"
ELLIPSIS = "…"

# Left-to-right marks and zero-width characters survive the portal's HTML and break matching,
# e.g. "đăng k\u200eý" in 1.001193.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BULLET = re.compile(r"^[\s\-\u2013+*•·]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def clean(text: str) -> str:
    """Drop invisible characters and collapse runs of spaces, keeping line breaks.

    Letters are composed (NFC): some records spell "là" as "a" plus a combining accent, which
    reads the same but defeats every rule that matches Vietnamese words.
    """
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# One portal record (1.001193, in both its step field and its raw page text) has a fragment
# cut out of one sentence and pasted into another: "nộp hồ sơ đăng ký khai tâm Phục vụ hành
# chính công" and "hoàn tất việc sinh tại Trung \nnộp hồ sơ". The fragment "<word> tại Trung"
# is left dangling at a line end, before a line that starts in lower case, and the sentence
# it came from reads "<word> tâm Phục vụ" where only "Trung tâm Phục vụ" makes sense.
_DANGLING_FRAGMENT = re.compile(r"(?<= )(?P<fragment>\S+ tại Trung) *\n(?=[a-zà-ỹđ])")
_TORN_CENTRE = re.compile(r"(?<=\S )(?=tâm Phục vụ)(?<!Trung )")


def repair_displaced_fragment(text: str) -> str:
    """Put a "<word> tại Trung" fragment back where "… tâm Phục vụ" lost it.

    Only when the text has exactly one dangling fragment and exactly one torn place, so the
    repair cannot guess: the fragment is removed (its line joins the next one) and inserted
    before "tâm Phục vụ". Anything else is left as the portal wrote it.
    """
    fragments = list(_DANGLING_FRAGMENT.finditer(text))
    torn = list(_TORN_CENTRE.finditer(text))
    if len(fragments) != 1 or len(torn) != 1:
        return text
    fragment, place = fragments[0], torn[0].start()
    if fragment.start() < place:
        return text  # the fragment is pasted after the sentence it was cut from: not this slip
    repaired = text[: fragment.start()] + text[fragment.end() :]
    return f"{repaired[:place]}{fragment['fragment']} {repaired[place:]}"


def one_line(text: str) -> str:
    return " ".join(clean(text).split())


def informative(text: str) -> str:
    """The cleaned text, or "" when the portal only says it has no information."""
    text = clean(text)
    return "" if text.rstrip(".") == NO_INFO else text


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text).strip()


def slug(name: str) -> str:
    return _NOT_SLUG.sub("-", fold(name)).strip("-")


def truncate(text: str, limit: int) -> tuple[str, bool]:
    """`text` cut at a word boundary to at most `limit` characters, and whether it was cut."""
    if len(text) <= limit:
        return text, False
    head = text[: limit - len(ELLIPSIS)]
    if " " in head:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:.") + ELLIPSIS, True


def closing_paren(text: str, start: int) -> int | None:
    """Index just past the parenthesis that closes the one at `start`, or None if unclosed."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def unwrap(note: str) -> str:
    """Strip parentheses that wrap the whole note; the portal often doubles them: "((…))"."""
    note = note.strip()
    while note.startswith("(") and closing_paren(note, 0) == len(note):
        note = note[1:-1].strip()
    return note
