from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestop.outbox import queue
from onestop.outbox.models import OutboxTask


class Command(BaseCommand):
    help = (
        "Gửi sang hàng đợi (broker) các tác vụ chưa gửi được, ví dụ sau khi Redis hoạt động "
        "lại; xóa các tác vụ đã gửi quá TASK_OUTBOX_KEEP_DAYS ngày."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=500, help="Số tác vụ tối đa gửi trong một lần chạy."
        )

    def handle(self, *args: object, limit: int, **options: object) -> None:
        if limit < 1:
            raise CommandError("--limit phải là số nguyên dương.")
        result = queue.flush(limit=limit)
        waiting = OutboxTask.objects.filter(sent_at__isnull=True).count()
        self.stdout.write(
            f"Đã gửi {result.sent}, lỗi {result.failed}, còn chờ {waiting}, "
            f"đã xóa {result.purged} tác vụ cũ."
        )
        if result.failed:
            raise CommandError("Còn tác vụ chưa gửi được: xem last_error trong trang quản trị.")
