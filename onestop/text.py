"""Vietnamese text folding for accent- and case-insensitive search.

"Đăng ký khai sinh", "dang ky khai sinh" and "ĐĂNG KÝ KHAI SINH" all fold to
"dang ky khai sinh". Unicode decomposition strips the tone and vowel marks; "đ" has no
decomposition and is mapped by hand.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip()
