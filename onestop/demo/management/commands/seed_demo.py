from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestop.demo import seeding


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: cơ quan của tỉnh, tài khoản mẫu và danh mục thủ tục thật."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Chạy cả khi DEBUG đang tắt (môi trường thật)."
        )
        parser.add_argument(
            "--reload-catalogue",
            action="store_true",
            help="Nạp lại danh mục thủ tục kể cả khi đã có.",
        )

    def handle(self, *args: object, force: bool, reload_catalogue: bool, **options: object) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG đang tắt: không nạp dữ liệu mẫu vào hệ thống thật. "
                "Dùng --force nếu chắc chắn."
            )
        agencies = seeding.seed_agencies()
        self.stdout.write(f"Cơ quan: {agencies}")
        created = seeding.seed_accounts(password=settings.DEMO_PASSWORD)
        self.stdout.write(f"Tài khoản mẫu mới: {', '.join(created) or 'không có (đã có sẵn)'}")
        imported = seeding.seed_catalogue(reload=reload_catalogue, progress=self._progress)
        if imported:
            self.stdout.write(f"Thủ tục đã nạp: {imported}")
        else:
            self.stdout.write("Danh mục thủ tục đã có sẵn (dùng --reload-catalogue để nạp lại).")
        dossiers = seeding.seed_sample_dossiers()
        self.stdout.write(f"Hồ sơ mẫu mới: {dossiers}")
        self.stdout.write(self.style.SUCCESS("Dữ liệu mẫu sẵn sàng."))

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % 200 == 0:
            self.stderr.write(f"Đã nạp {done}/{total} thủ tục")
