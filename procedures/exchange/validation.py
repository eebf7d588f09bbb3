"""Checking a whole catalogue before anything is written.

Every record is checked on its own (shape, types, choices, lengths) and then against the
others and the database (duplicate codes, unknown agencies, field names). All problems of
all rows are collected, so a person fixes the file once rather than once per error.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.settings import api_settings

from procedures.exchange.serializers import ProcedureRecord
from procedures.models import Agency, Field


@dataclass(frozen=True)
class RowError:
    """One problem: the row as a person counts it (0 for the file itself) and the field path."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        values = {"row": self.row, "field": self.field, "message": self.message}
        if not self.row:
            return self.message
        if not self.field:
            return _("Dòng %(row)d: %(message)s") % values
        return _("Dòng %(row)d, trường %(field)s: %(message)s") % values


class CatalogueInvalid(Exception):
    """The catalogue has at least one invalid row; nothing was imported."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass
class Catalogue:
    """Records read from a file, each with its row number, and the problems met reading it."""

    records: list[Any]
    rows: list[int]
    errors: list[RowError] = field(default_factory=list)

    @classmethod
    def of(cls, records: Sequence[Any]) -> Catalogue:
        """Records numbered from 1, as the entries of a JSON list are counted."""
        return cls(records=list(records), rows=list(range(1, len(records) + 1)))


def flatten(detail: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, message) pairs from DRF's nested error detail, e.g. ``processing_times[0].unit``."""
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            if key == api_settings.NON_FIELD_ERRORS_KEY:
                yield from flatten(value, path)
            elif isinstance(key, int):
                yield from flatten(value, f"{path}[{key}]")
            else:
                yield from flatten(value, f"{path}.{key}" if path else str(key))
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, Mapping | list):  # one entry per list item, empty when valid
                yield from flatten(item, f"{path}[{index}]")
            else:
                yield path, str(item)
    else:
        yield path, str(detail)


def validate_catalogue(catalogue: Catalogue) -> list[dict[str, Any]]:
    """The validated data of every record, or CatalogueInvalid listing every problem."""
    checker = ProcedureRecord()  # one instance: building the nested fields is the slow part
    errors = list(catalogue.errors)
    valid = []
    for row, record in zip(catalogue.rows, catalogue.records, strict=True):
        if not isinstance(record, Mapping):
            errors.append(RowError(row, "", _("Mỗi thủ tục phải là một đối tượng JSON.")))
            continue
        try:
            valid.append(checker.run_validation(record))
        except serializers.ValidationError as exc:
            errors.extend(RowError(row, path, message) for path, message in flatten(exc.detail))
    errors += _cross_record_errors(catalogue)
    if errors:
        raise CatalogueInvalid(sorted(errors, key=lambda error: error.row))
    return valid


def _cross_record_errors(catalogue: Catalogue) -> list[RowError]:
    pairs = [
        (row, record)
        for row, record in zip(catalogue.rows, catalogue.records, strict=True)
        if isinstance(record, Mapping)
    ]
    return [*_duplicate_codes(pairs), *_unknown_agencies(pairs), *_field_conflicts(pairs)]


def _text(value: Any) -> str | None:
    # Stripped as the record serializer strips, so " 1.001193" and "1.001193" collide.
    return value.strip() if isinstance(value, str) else None


def _duplicate_codes(pairs: list[tuple[int, Mapping]]) -> Iterator[RowError]:
    first_row: dict[str, int] = {}
    for row, record in pairs:
        code = _text(record.get("code"))
        if code is None:
            continue
        if code in first_row:
            message = _("Mã thủ tục %(code)s trùng với dòng %(row)d.")
            yield RowError(row, "code", message % {"code": code, "row": first_row[code]})
        else:
            first_row[code] = row


def _agency_codes(record: Mapping) -> list[tuple[int, str]]:
    codes = record.get("agencies")
    if not isinstance(codes, list):
        return []
    return [(index, code.strip()) for index, code in enumerate(codes) if isinstance(code, str)]


def _unknown_agencies(pairs: list[tuple[int, Mapping]]) -> Iterator[RowError]:
    wanted = {code for _row, record in pairs for _index, code in _agency_codes(record)}
    known = set(Agency.objects.filter(code__in=wanted).values_list("code", flat=True))
    for row, record in pairs:
        for index, code in _agency_codes(record):
            if code not in known:
                message = _("Không có cơ quan mã %(code)s trong danh mục cơ quan.")
                yield RowError(row, f"agencies[{index}]", message % {"code": code})


def _field_pair(record: Mapping) -> tuple[str, str] | None:
    value = record.get("field")
    if not isinstance(value, Mapping):
        return None
    code, name = _text(value.get("code")), _text(value.get("name"))
    return (code, name) if code and name else None


def _field_conflicts(pairs: list[tuple[int, Mapping]]) -> Iterator[RowError]:
    """A field code names one field and a field name belongs to one code, in file and database."""
    by_code: dict[str, tuple[str, int]] = {}
    by_name: dict[str, tuple[str, int]] = {}
    fields = [(row, pair) for row, record in pairs if (pair := _field_pair(record))]
    stored = dict(
        Field.objects.filter(name__in={name for _row, (_c, name) in fields}).values_list(
            "name", "code"
        )
    )
    for row, (code, name) in fields:
        earlier_name, name_row = by_code.setdefault(code, (name, row))
        earlier_code, code_row = by_name.setdefault(name, (code, row))
        if earlier_name != name:
            message = _("Lĩnh vực mã %(code)s đã mang tên “%(name)s” ở dòng %(row)d.")
            yield RowError(
                row, "field.name", message % {"code": code, "name": earlier_name, "row": name_row}
            )
        elif earlier_code != code:
            message = _("Tên lĩnh vực “%(name)s” đã dùng cho mã %(code)s ở dòng %(row)d.")
            yield RowError(
                row, "field.name", message % {"name": name, "code": earlier_code, "row": code_row}
            )
        elif stored.get(name, code) != code:
            message = _("Tên lĩnh vực “%(name)s” đã thuộc lĩnh vực mã %(code)s trong danh mục.")
            yield RowError(row, "field.name", message % {"name": name, "code": stored[name]})
