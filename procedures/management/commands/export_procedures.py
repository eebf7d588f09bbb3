import io
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from procedures.exchange import (
    FORMATS,
    CatalogueInvalid,
    dump_json,
    export_catalogue,
    format_of,
    write_csv,
)


class Command(BaseCommand):
    help = (
        "Xuất toàn bộ danh mục thủ tục ra JSON hoặc CSV (docs/catalogue-format.md); "
        "không có tệp thì in ra màn hình."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="Tệp .json hoặc .csv để ghi.")
        parser.add_argument(
            "--format", choices=FORMATS, help="Định dạng; mặc định theo phần mở rộng, hoặc json."
        )

    def handle(
        self, *args: object, file: str | None, format: str | None, **options: object
    ) -> None:
        path = Path(file) if file else None
        try:
            kind = format or (format_of(path) if path else "json")
        except CatalogueInvalid as exc:
            raise CommandError(str(exc)) from None
        document = export_catalogue()
        text = _render(document, kind)
        if path is None:
            self.stdout.write(text, ending="")
            return
        try:
            with path.open("w", encoding="utf-8", newline="") as stream:
                stream.write(text)
        except OSError as exc:
            message = _("Không ghi được tệp %(path)s: %(error)s")
            raise CommandError(message % {"path": path, "error": exc.strerror}) from None
        count = len(document["procedures"])
        message = _("Đã xuất %(count)d thủ tục vào %(path)s.")
        self.stdout.write(self.style.SUCCESS(message % {"count": count, "path": path}))


def _render(document: dict, kind: str) -> str:
    if kind == "json":
        return dump_json(document)
    buffer = io.StringIO(newline="")
    write_csv(document["procedures"], buffer)
    return buffer.getvalue()
