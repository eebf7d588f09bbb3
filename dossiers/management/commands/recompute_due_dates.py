from collections.abc import Iterable, Iterator
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from dossiers.models import Dossier, DossierQuerySet
from dossiers.recompute import DueDateChange, changed_due_dates
from dossiers.services import recompute_due_dates
from onestop.calendar.workdays import VIETNAM
from procedures.models import Agency


class Command(BaseCommand):
    help = (
        "Liệt kê các hồ sơ đang giải quyết mà hạn giải quyết đã lưu khác với hạn tính theo "
        "lịch làm việc hiện tại; chỉ tính lại và lưu khi có --apply."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--apply", action="store_true", help="Tính lại và lưu hạn mới (mặc định chỉ liệt kê)."
        )
        parser.add_argument(
            "--agency", metavar="CODE", help="Chỉ hồ sơ do cơ quan này tiếp nhận hoặc giải quyết."
        )

    def handle(self, *args: object, apply: bool, agency: str | None, **options: object) -> None:
        changes = changed_due_dates(self._dossiers(agency), progress=self._progress)
        if apply:
            self._apply(changes)
        else:
            self._list(changes)

    def _dossiers(self, code: str | None) -> DossierQuerySet:
        dossiers = Dossier.objects.all()
        if code is None:
            return dossiers
        if not Agency.objects.filter(code=code).exists():
            raise CommandError(f"Không có cơ quan mã {code}.")
        return dossiers.filter(Q(receiving_agency__code=code) | Q(handling_agency__code=code))

    def _list(self, changes: Iterable[DueDateChange]) -> None:
        total = 0
        for total, change in enumerate(changes, start=1):
            if total == 1:
                self.stdout.write("Mã hồ sơ | Cơ quan giải quyết | Hạn đã lưu | Hạn theo lịch mới")
            dossier = change.dossier
            self.stdout.write(
                f"{dossier.code} | {dossier.handling_agency.code} {dossier.handling_agency.name}"
                f" | {_format(change.old_due_at)} | {_format(change.new_due_at)}"
            )
        self.stdout.write(
            f"Tổng cộng: {total} hồ sơ có hạn giải quyết thay đổi. Chưa lưu thay đổi nào; "
            "chạy lại với --apply để tính lại."
        )

    def _apply(self, changes: Iterator[DueDateChange]) -> None:
        done = recompute_due_dates(
            dossiers=(change.dossier for change in changes), at=timezone.now()
        )
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại hạn giải quyết của {len(done)} hồ sơ."))

    def _progress(self, seen: int) -> None:
        self.stderr.write(f"Đã xem {seen} hồ sơ")


def _format(moment: datetime) -> str:
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
