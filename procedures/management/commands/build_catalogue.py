"""``manage.py build_catalogue SOURCE_DIR``: raw portal records → procedures/data/catalogue.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from procedures.portal_records.catalogue import (
    Build,
    apply_frequent,
    build_from,
    overrides_from,
    render,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
# The classes of procedures.portal_records.applicability, in the order they are checked.
APPLICABILITY_LABELS = {
    "optional": "optional (nếu có)",
    "alternative": "alternative (một trong nhóm)",
    "condition": "condition (theo điều kiện)",
    "channel": "channel (theo hình thức nộp)",
    "always": "always (luôn cần)",
}


class Command(BaseCommand):
    help = (
        "Dựng tệp danh mục thủ tục (định dạng trao đổi) từ các hồ sơ thô của Cổng Dịch vụ "
        "công quốc gia: đọc mọi tệp .json trong SOURCE_DIR, giữ hồ sơ đáng tin cậy, đánh dấu "
        "thủ tục thường xuyên theo frequent.json, kể cả thời hạn do pháp luật quy định mà "
        "Cổng không ghi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source_dir", metavar="SOURCE_DIR", help="Thư mục hồ sơ thô.")
        parser.add_argument(
            "--output",
            default=str(DATA_DIR / "catalogue.json"),
            help="Tệp danh mục sẽ ghi (mặc định: procedures/data/catalogue.json).",
        )
        parser.add_argument(
            "--frequent",
            default=str(DATA_DIR / "frequent.json"),
            help="Danh sách thủ tục thường xuyên (mặc định: procedures/data/frequent.json).",
        )

    def handle(
        self, *args: object, source_dir: str, output: str, frequent: str, **options: object
    ) -> None:
        source = Path(source_dir)
        if not source.is_dir():
            raise CommandError(f"Không thấy thư mục hồ sơ thô: {source}")
        entries = self._frequent_entries(Path(frequent))
        try:
            build = build_from(source.rglob("*.json"), overrides_from(entries))
            if build.read == 0:
                raise CommandError(f"Không có tệp .json nào trong {source}")
            frequent_count = apply_frequent(build.procedures, entries)
        except ValueError as error:
            raise CommandError(f"Danh sách thủ tục thường xuyên sai: {error}") from error
        target = Path(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(build.procedures), encoding="utf-8")
        self._summary(build, frequent_count, target)

    def _frequent_entries(self, path: Path) -> list[dict[str, Any]]:
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))["procedures"]
        except (OSError, KeyError, TypeError, json.JSONDecodeError) as error:
            raise CommandError(f"Không đọc được danh sách thủ tục thường xuyên: {error}") from error
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise CommandError("Danh sách thủ tục thường xuyên phải là một danh sách đối tượng.")
        return entries

    def _summary(self, build: Build, frequent_count: int, target: Path) -> None:
        write = self.stdout.write
        write(f"Đã đọc: {build.read} hồ sơ")
        write(f"Giữ lại: {len(build.procedures)} thủ tục")
        write(f"Loại bỏ: {build.rejected} hồ sơ, theo lý do (một hồ sơ có thể có nhiều lý do):")
        for reason, count in sorted(build.reasons.items(), key=lambda item: (-item[1], item[0])):
            write(f"  - {reason}: {count}")
        if build.adjustments:
            write("Giữ lại sau khi diễn giải:")
            for note, count in sorted(
                build.adjustments.items(), key=lambda item: (-item[1], item[0])
            ):
                write(f"  - {note}: {count}")
        write(f"Thủ tục thường xuyên: {frequent_count}")
        counts = build.applicability()
        write(f"Thành phần hồ sơ: {sum(counts.values())} dòng, theo khi nào áp dụng:")
        for name, count in counts.items():
            write(f"  - {APPLICABILITY_LABELS[name]}: {count}")
        write(self.style.SUCCESS(f"Đã ghi {target}"))
