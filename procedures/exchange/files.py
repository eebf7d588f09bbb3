"""Reading and writing catalogue files: JSON, and CSV with one procedure per row.

CSV keeps the JSON meaning cell by cell (docs/catalogue-format.md): ``field`` splits into
``field_code`` and ``field_name``, ``levels`` and ``agencies`` are joined with ``|``, and the
nested lists are JSON arrays inside their cell, so a CSV file round-trips with JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from django.utils.translation import gettext as _

from procedures.exchange.records import FORMAT, FORMAT_VERSION, RECORD_KEYS
from procedures.exchange.validation import Catalogue, CatalogueInvalid, RowError

FORMATS = ("json", "csv")
CSV_COLUMNS = [
    column
    for key in RECORD_KEYS
    for column in (("field_code", "field_name") if key == "field" else (key,))
]
_JOINED = ("levels", "agencies")
_NESTED = ("processing_times", "fees", "documents", "steps", "legal_bases")
_BOOLEANS = ("on_the_spot", "is_inter_agency", "is_frequent", "is_published")
_INTEGERS = ("supplement_period_days",)  # may be null: an empty cell
_DATES = ("effective_from", "effective_to")


def format_of(path: Path) -> str:
    """The format named by the file's extension; CatalogueInvalid when it names neither."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        message = _("Không rõ định dạng của tệp %(name)s; dùng --format json hoặc csv.")
        raise CatalogueInvalid([RowError(0, "", message % {"name": path.name})])
    return suffix


def read_catalogue(path: Path, *, format: str | None = None) -> Catalogue:
    """The records of a JSON or CSV catalogue file (by extension unless `format` is given)."""
    kind = format or format_of(path)
    try:
        # utf-8-sig: spreadsheet programs put a byte-order mark in front of UTF-8 CSV.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogueInvalid([RowError(0, "", _("Tệp không phải văn bản UTF-8."))]) from None
    return read_csv(io.StringIO(text, newline="")) if kind == "csv" else read_json(text)


def read_json(text: str) -> Catalogue:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        message = _("Tệp không phải JSON hợp lệ (dòng %(line)d, cột %(column)d): %(error)s")
        values = {"line": exc.lineno, "column": exc.colno, "error": exc.msg}
        raise CatalogueInvalid([RowError(0, "", message % values)]) from None
    if not (
        isinstance(document, dict)
        and document.get("format") == FORMAT
        and document.get("format_version") == FORMAT_VERSION
        and isinstance(document.get("procedures"), list)
    ):
        message = _(
            "Tệp phải là một đối tượng JSON có “format”: “%(format)s”, "
            "“format_version”: %(version)d và danh sách “procedures”."
        )
        values = {"format": FORMAT, "version": FORMAT_VERSION}
        raise CatalogueInvalid([RowError(0, "", message % values)])
    return Catalogue.of(document["procedures"])


def dump_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_csv(records: Iterable[dict[str, Any]], stream: TextIO) -> None:
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(_csv_row(record))


def _csv_row(record: dict[str, Any]) -> dict[str, str]:
    row = {}
    for key, value in record.items():
        if key == "field":
            row["field_code"], row["field_name"] = value["code"], value["name"]
        elif key in _JOINED:
            row[key] = "|".join(value)
        elif key in _NESTED:
            row[key] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            row[key] = "true" if value else "false"
        else:
            row[key] = "" if value is None else str(value)
    return row


def read_csv(stream: TextIO) -> Catalogue:
    """Records with the line on which each starts (a quoted cell may span several lines)."""
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        raise CatalogueInvalid([RowError(0, "", _("Tệp CSV trống, thiếu dòng tiêu đề."))])
    catalogue = Catalogue(records=[], rows=[])
    unknown = [column for column in header if column not in CSV_COLUMNS]
    if unknown:
        message = _("Cột không có trong định dạng danh mục: %(columns)s.")
        catalogue.errors.append(RowError(1, "", message % {"columns": ", ".join(unknown)}))
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):  # blank lines are not procedures
                record, errors = _record_from_cells(header, cells, line)
                catalogue.records.append(record)
                catalogue.rows.append(line)
                catalogue.errors += errors
            line = reader.line_num + 1
    except csv.Error as exc:  # e.g. a quote never closed, or a cell over the size limit
        message = _("Không đọc được CSV từ dòng này: %(error)s")
        catalogue.errors.append(RowError(line, "", message % {"error": exc}))
    return catalogue


def _record_from_cells(
    header: list[str], cells: list[str], line: int
) -> tuple[dict[str, Any], list[RowError]]:
    errors = []
    if len(cells) != len(header):
        message = _("Dòng có %(cells)d ô nhưng tiêu đề có %(columns)d cột.")
        errors.append(RowError(line, "", message % {"cells": len(cells), "columns": len(header)}))
    row = dict(zip(header, cells, strict=False))
    record: dict[str, Any] = {}
    if "field_code" in row or "field_name" in row:
        record["field"] = {"code": row.pop("field_code", ""), "name": row.pop("field_name", "")}
    for column, cell in row.items():
        if column not in CSV_COLUMNS:
            continue
        try:
            record[column] = _cell_value(column, cell)
        except json.JSONDecodeError as exc:
            message = _("Ô không chứa JSON hợp lệ: %(error)s")
            errors.append(RowError(line, column, message % {"error": exc.msg}))
    return _in_format_order(record), errors


def _cell_value(column: str, cell: str) -> Any:
    if column in _JOINED:
        return [part.strip() for part in cell.split("|")] if cell.strip() else []
    if column in _NESTED:
        return json.loads(cell) if cell.strip() else []
    if column in _BOOLEANS:
        # Anything else is left as text for validation to name.
        return {"true": True, "false": False}.get(cell.strip().lower(), cell)
    if column in _DATES:
        return cell or None
    if column in _INTEGERS:
        text = cell.strip()
        # Anything but digits is left as text for validation to name.
        return None if not text else int(text) if text.isascii() and text.isdigit() else cell
    return cell


def _in_format_order(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record[key] for key in RECORD_KEYS if key in record}
