"""The catalogue exchange format: export, validation, import, JSON and CSV files.

See docs/catalogue-format.md for the format itself.
"""

from procedures.exchange.files import (
    CSV_COLUMNS,
    FORMATS,
    dump_json,
    format_of,
    read_catalogue,
    read_csv,
    read_json,
    write_csv,
)
from procedures.exchange.importer import ImportSummary, import_catalogue
from procedures.exchange.records import (
    FORMAT,
    FORMAT_VERSION,
    export_catalogue,
    procedure_to_dict,
)
from procedures.exchange.validation import (
    Catalogue,
    CatalogueInvalid,
    RowError,
    validate_catalogue,
)

__all__ = [
    "CSV_COLUMNS",
    "FORMAT",
    "FORMATS",
    "FORMAT_VERSION",
    "Catalogue",
    "CatalogueInvalid",
    "ImportSummary",
    "RowError",
    "dump_json",
    "export_catalogue",
    "format_of",
    "import_catalogue",
    "procedure_to_dict",
    "read_catalogue",
    "read_csv",
    "read_json",
    "validate_catalogue",
    "write_csv",
]
