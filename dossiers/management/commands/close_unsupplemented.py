from django.core.management.base import BaseCommand

from dossiers.services import close_all_due


class Command(BaseCommand):
    help = (
        "Đóng các hồ sơ đã hết thời hạn bổ sung mà người nộp chưa bổ sung (Điều 19 khoản 5 "
        "Nghị định 118/2025/NĐ-CP): chuyển sang “Dừng xử lý” với lý do “Không hoàn thiện hồ "
        "sơ”, người thực hiện ghi là hệ thống. Chạy lại không đóng thêm hồ sơ nào."
    )

    def handle(self, *args: object, **options: object) -> None:
        closed = close_all_due()
        self.stdout.write(self.style.SUCCESS(f"Đã đóng {closed} hồ sơ không được bổ sung."))
