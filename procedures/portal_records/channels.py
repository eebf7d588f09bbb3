"""The flattened "Cách thức thực hiện" table: one row per channel with time, fees, description.

The cells are glued without separators:
``Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc25 USD(…)…Trực tiếp…``.
A row starts where a channel name is immediately followed by its time cell (a digit, "trong
ngày" or "Không có thông tin"); a channel name inside a description is followed by a space
or a colon, so it does not start a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from procedures.portal_records.fees import Fee, bounded, fees_in_description, read_fees
from procedures.portal_records.problems import Adjustment, Problem, Unreliable
from procedures.portal_records.text import NO_INFO
from procedures.portal_records.times import TimeLimit, merge_limits, read_time

# Values of procedures.models.Channel.
ONLINE = "online"
COUNTER = "counter"
POSTAL = "postal"

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_CHANNELS = {"Trực tiếp": COUNTER, "Trực tuyến": ONLINE, "Dịch vụ bưu chính": POSTAL}
_ROW_START = re.compile(
    rf"(?P<channel>Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\d|{NO_INFO}|[Tt]rong ngày)"
)


@dataclass
class Channels:
    """What the table gives, in the exchange format."""

    processing_times: list[dict[str, object]] = field(default_factory=list)
    fees: list[Fee] = field(default_factory=list)
    problems: set[Problem] = field(default_factory=set)
    adjustments: set[Adjustment] = field(default_factory=set)
    # Every channel the table lists, in the portal's order, whether or not its row had a time.
    listed: list[str] = field(default_factory=list)

    @property
    def has_online(self) -> bool:
        return ONLINE in self.listed


def split_rows(table: str) -> list[tuple[str, str]]:
    """(channel, rest of the row) pairs in the portal's order."""
    body = table.removeprefix(HEADER)
    starts = list(_ROW_START.finditer(body))
    ends = [match.start() for match in starts[1:]] + [len(body)]
    return [
        (_CHANNELS[match["channel"]], body[match.end() : end])
        for match, end in zip(starts, ends, strict=True)
    ]


def _read_row(channel: str, cell: str) -> tuple[TimeLimit | None, list[Fee]]:
    """The row's time limit (None when the portal has none) and its fees.

    The fees of a row without a time are still read, so that a record whose only flaw is
    the missing time can be told apart and completed with the time its law fixes.
    """
    if cell.startswith(NO_INFO):
        limit, rest = None, cell.removeprefix(NO_INFO)
    else:
        limit, rest = read_time(cell)
    fees, description = read_fees(channel, rest)
    return limit, fees + fees_in_description(channel, description, fees)


def parse_channels(table: str) -> Channels:
    result = Channels()
    limits: dict[str, list[TimeLimit]] = {}
    fees: list[Fee] = []
    rows = split_rows(table)
    if not rows:
        result.problems.add(Problem.NO_CHANNEL)
    for channel, cell in rows:
        if channel not in result.listed:
            result.listed.append(channel)
        try:
            limit, row_fees = _read_row(channel, cell)
        except Unreliable as error:
            result.problems.add(error.problem)
            continue
        fees.extend(row_fees)
        if limit is None:
            result.problems.add(Problem.NO_TIME)
        else:
            limits.setdefault(channel, []).append(limit)
    for channel, channel_limits in limits.items():
        entry, adjustments = merge_limits(channel, channel_limits)
        result.processing_times.append(entry)
        result.adjustments |= adjustments
    # Case rows repeat the same fee; keep each distinct line once, in the portal's order.
    seen: set[tuple[tuple[str, object], ...]] = set()
    for fee in fees:
        key = tuple(sorted(fee.items()))
        if key not in seen:
            seen.add(key)
            kept, adjustments = bounded(fee)
            result.fees.append(kept)
            result.adjustments |= adjustments
    return result
