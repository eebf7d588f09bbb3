import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dossiers.seeding import seed_dossiers


class Command(BaseCommand):
    help = (
        "Sinh hồ sơ mẫu trên các cơ quan và thủ tục của tỉnh mẫu (chạy seed_demo trước): "
        "đủ mọi trạng thái, trải đều hai năm gần nhất."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=1000, help="Số hồ sơ cần sinh.")
        parser.add_argument("--years", type=int, default=2, help="Trải trên bao nhiêu năm.")
        parser.add_argument("--seed", type=int, default=None, help="Hạt giống ngẫu nhiên.")
        parser.add_argument(
            "--force", action="store_true", help="Chạy cả khi DEBUG đang tắt (môi trường thật)."
        )

    def handle(
        self,
        *args: object,
        count: int,
        years: int,
        seed: int | None,
        force: bool,
        **options: object,
    ) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG đang tắt: không sinh hồ sơ mẫu. Dùng --force nếu chắc chắn.")
        if count < 1 or years < 1:
            raise CommandError("--count và --years phải là số dương.")
        started = time.perf_counter()
        try:
            done = seed_dossiers(count, years=years, seed=seed, progress=self._progress)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sinh {done} hồ sơ trong {seconds:.1f} giây ({done / seconds:,.0f} hồ sơ/giây)."
            )
        )

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"Đã sinh {done}/{total} hồ sơ")
