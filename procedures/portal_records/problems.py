"""Why a portal record is left out of the catalogue, and what was changed to keep one.

The values are Vietnamese because ``build_catalogue`` prints them in its summary.
"""

from __future__ import annotations

from enum import StrEnum


class Problem(StrEnum):
    """A flaw that makes the record unreliable: it is rejected, not guessed at."""

    BAD_CODE = "mã thủ tục sai dạng N.NNNNNN"
    NO_NAME = "thiếu tên thủ tục"
    NO_FIELD = "thiếu lĩnh vực"
    BAD_LEVEL = "không nhận ra cấp thực hiện"
    NO_CHANNEL = "không tách được hình thức nộp"
    NO_TIME = "thiếu thời hạn giải quyết"
    TIME_UNIT = "thời hạn tính bằng tháng hoặc năm"
    TIME_GLUED_TO_FEE = "số ngày dính liền mức phí, không tách được"
    FEE_UNREADABLE = "không đọc được phí, lệ phí"
    FEE_IMPLAUSIBLE = "mức phí dưới 1.000 đồng (nghi sai đơn vị)"


class Adjustment(StrEnum):
    """A record kept after a documented change; counted so that nothing changes silently."""

    UNIT_ASSUMED = "thời hạn không ghi đơn vị, hiểu là ngày làm việc"
    LONGEST_CASE = "thời hạn khác nhau theo trường hợp, giữ thời hạn dài nhất"
    NAME_TRUNCATED = "tên dài quá 500 ký tự, đã rút gọn"
    TEXT_TRUNCATED = "tên mẫu hoặc tên phí quá dài, đã rút gọn"
    TIME_FROM_LAW = "Cổng không ghi thời hạn, lấy thời hạn văn bản pháp luật quy định"


class Unreliable(ValueError):
    """Raised inside the section parsers; collected by :func:`parse_record`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem
