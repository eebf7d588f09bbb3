"""The API's JSON parser: every request body is one JSON object, of a sane depth.

Python's decoder raises ``RecursionError`` (not a ``ValueError``) on deeply nested input,
which DRF's parser lets through as a 500; and every write of the API takes an object, so a
body of ``null``, a number or an array is refused here, once, rather than failing in
whichever view first treats it as a mapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

JSON_KINDS = {type(None): "null", bool: "boolean", int: "number", float: "number", str: "string"}


def json_kind(value: Any) -> str:
    """The JSON name of a decoded value's type."""
    if isinstance(value, list):
        return "array"
    return JSON_KINDS.get(type(value), type(value).__name__)


class JSONObjectParser(JSONParser):
    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("Nội dung JSON lồng nhau quá sâu.")) from None
        if not isinstance(data, dict):
            raise ParseError(
                _("Nội dung JSON phải là một đối tượng {…}, không phải %(kind)s.")
                % {"kind": json_kind(data)}
            )
        return data
