"""The checklist item a file is for, as written in a page form or an API body."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

OTHER = "other"
OTHER_WORDS = (OTHER, "khac")
# ASCII digits only: int() reads an Arabic-Indic one as 1 and fails on "²"; a checklist
# never has thousands of items.
POSITION = re.compile(r"[1-9][0-9]{0,3}")
ITEM_MESSAGE = _('Thành phần hồ sơ là số thứ tự (từ 1) hoặc "other".')


def parse_item(value: object) -> int | None:
    """The position (from 1) written in `value`, or None for "other"; ValueError otherwise.

    Whether the position exists in the procedure's checklist is the service's to say.
    """
    text = str(value).strip().lower()
    if text in OTHER_WORDS:
        return None
    if POSITION.fullmatch(text):
        return int(text)
    raise ValueError(str(ITEM_MESSAGE))
