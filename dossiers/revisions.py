"""The revision a client says it saw: a page's hidden ``revision`` field, the API's
``If-Match`` header. Both are numbers the portal wrote; anything else is a bad request,
not a number for ``int()`` to fail on ("²" is a digit to ``str.isdigit``).
"""

from __future__ import annotations

import re

# ASCII digits only, and few enough to fit the column (a PositiveIntegerField).
REVISION = re.compile(r"[0-9]{1,10}")


def parse_revision(text: str) -> int | None:
    """The revision written in `text`; None when it is empty. Raises ``ValueError`` for
    anything but ASCII digits.
    """
    text = text.strip()
    if not text:
        return None
    if REVISION.fullmatch(text) is None:
        raise ValueError(f"not a revision: {text!r}")
    return int(text)


def parse_if_match(header: str) -> int | None:
    """The revision of an ``If-Match`` header (``"3"``, ``W/"3"`` or ``3``); None when the
    header is absent or ``*`` (any revision). Raises ``ValueError`` for anything else.
    """
    text = header.strip()
    if text == "*":
        return None
    return parse_revision(text.removeprefix("W/").strip('"'))
