from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from procedures.exchange import (
    FORMATS,
    CatalogueInvalid,
    ImportSummary,
    import_catalogue,
    read_catalogue,
)


class Command(BaseCommand):
    help = (
        "Nhập danh mục thủ tục từ tệp JSON hoặc CSV (docs/catalogue-format.md). "
        "Tệp có bất kỳ dòng lỗi nào thì không nhập gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp .json hoặc .csv.")
        parser.add_argument(
            "--format", choices=FORMATS, help="Định dạng của tệp, khi phần mở rộng không nói rõ."
        )

    def handle(self, *args: object, file: str, format: str | None, **options: object) -> None:
        path = Path(file)
        try:
            catalogue = read_catalogue(path, format=format)
            summary = import_catalogue(catalogue, progress=self._progress)
        except OSError as exc:
            message = _("Không đọc được tệp %(path)s: %(error)s")
            raise CommandError(message % {"path": path, "error": exc.strerror}) from None
        except CatalogueInvalid as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            message = _("Tệp có %(count)d lỗi; chưa nhập thủ tục nào.")
            raise CommandError(message % {"count": len(exc.errors)}) from None
        self.stdout.write(self.style.SUCCESS(_describe(summary)))

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(_("Đã nhập %(done)d/%(total)d thủ tục") % {"done": done, "total": total})


def _describe(summary: ImportSummary) -> str:
    message = _(
        "Xong: %(created)d thủ tục mới, %(updated)d cập nhật, %(unchanged)d không đổi; "
        "%(versions)d phiên bản mới."
    )
    return message % {
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "versions": summary.versions,
    }
