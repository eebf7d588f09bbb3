"""Fees (phí, lệ phí) from the "Phí, lệ phí" cell of each channel row.

A cell is one or more tokens, each optionally followed by a parenthesised note:
"Miễn phí(…)", "50,000 Việt Nam Đồng(…)", "25 USD(…)" or "Không có thông tin". Only đồng
amounts become ``amount_vnd``; dollars and percentages stay as text in the fee name. The
model has no separate note column, so the portal's note goes to ``exemption`` verbatim: it is
where the portal puts reductions, exemptions and "set by the province" remarks. A "Miễn phí"
whose note cites the rule that sets the fee is not free (:func:`sets_a_fee`): the fee keeps
no amount and no "Miễn phí", and the procedure page says "Theo quy định tại …".
"""

from __future__ import annotations

import re

from onestop.text import fold
from procedures.portal_records.problems import Adjustment, Problem, Unreliable
from procedures.portal_records.text import closing_paren, strip_bullet, truncate, unwrap

DEFAULT_NAME = "Phí, lệ phí"
FREE = "Miễn phí"
NAME_LIMIT = 500
# Below this an amount in đồng is a portal slip (thousands dropped, "1" standing for free,
# dollars labelled VNĐ): no state fee is that small.
MIN_PLAUSIBLE_VND = 1000

_TOKEN = re.compile(
    r"(?P<free>Miễn phí)|(?P<none>Không có thông tin)"
    r"|(?P<number>\d[\d.,]*)\s?(?P<currency>Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD|%)"
)
_STRAY_CURRENCY = re.compile(r"^Đồng\s*(?=\()")
_VND = ("Việt Nam Đồng", "VNĐ", "VND", "Đồng", "đồng")
_LABEL = re.compile(r"(?P<label>(?:Lệ phí|Phí)[^:()\n]{0,100}?)\s*:")
# "Lệ phí: 100.000 đồng/hồ sơ." on its own line of the description (1.002681).
_DESCRIPTION_LINE = re.compile(
    r"(?P<label>Lệ phí|Phí)[^:\n]{0,100}?\s*:\s*(?P<number>\d{1,3}(?:\.\d{3})+|\d+)\s*"
    r"(?:đồng|Đồng|VNĐ|đ)\b"
)

_SAYS_FREE = ("khong", "mien", "chua thu")
_RULE_MARKERS = (
    "quy dinh",
    "thong tu",
    "nghi dinh",
    "nghi quyet",
    "hoi dong nhan dan",
    "uy ban nhan dan",
    "muc thu",
    "muc phi",
    "muc le phi",
    "bieu phi",
    "dong/",
    " dong",
    "/lan",
    "usd",
    "tra phi",
    "phi tham dinh",
)

Fee = dict[str, object]


def _note_at(text: str, pos: int) -> tuple[str, int]:
    """The parenthesised note starting at `pos` (if any) and the position after it."""
    if not text.startswith("(", pos):
        return "", pos
    end = closing_paren(text, pos)
    if end is not None:
        # "(Đồng (Mức lệ phí …))": a stray currency word left in front of the real note.
        return unwrap(_STRAY_CURRENCY.sub("", unwrap(text[pos:end]))), end
    # Unclosed: the note runs to the last ")" the portal did write, or to the end.
    last = text.rfind(")")
    end = last + 1 if last > pos else len(text)
    return text[pos + 1 : end].removesuffix(")").strip(), end


def _label(note: str) -> str:
    match = _LABEL.match(note)
    return match["label"].strip() if match else DEFAULT_NAME


def sets_a_fee(note: str) -> bool:
    """Whether the note after a "Miễn phí" token says a fee is charged under some rule.

    The portal puts "Miễn phí" in front of hundreds of notes; many of them cite the regulation that
    sets the fee ("Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh … quyết định", "Theo quy định
    của Luật phí và lệ phí …", "Thông tư số 60/2023/TT-BTC …"), so the fee is not free at all.
    A note that itself says there is nothing to pay ("Không quy định", "Miễn lệ phí", "Không
    thu phí") or says nothing ("a") keeps the fee free.
    """
    folded = fold(strip_bullet(note))
    if folded.startswith(_SAYS_FREE):
        return False
    return any(marker in folded for marker in _RULE_MARKERS)


def _fee(channel: str, token: re.Match[str], note: str) -> Fee:
    label = _label(note)
    if token["free"] and sets_a_fee(note):
        # Not "Miễn phí": the amount is in the regulation the note cites.
        return {"channel": channel, "name": label, "amount_vnd": None, "exemption": note}
    if token["free"]:
        exemption = f"{FREE}. {note}" if note else FREE
        return {"channel": channel, "name": label, "amount_vnd": None, "exemption": exemption}
    number, currency = token["number"], token["currency"]
    if currency in _VND:
        amount = int(re.sub(r"[.,]", "", number))
        if amount < MIN_PLAUSIBLE_VND:
            raise Unreliable(Problem.FEE_IMPLAUSIBLE)
        return {"channel": channel, "name": label, "amount_vnd": amount, "exemption": note}
    amount_text = f"{number}%" if currency == "%" else f"{number} {currency}"
    return {
        "channel": channel,
        "name": f"{label}: {amount_text}",
        "amount_vnd": None,
        "exemption": note,
    }


def read_fees(channel: str, cell: str) -> tuple[list[Fee], str]:
    """The fees at the start of `cell` (after the time) and the description that follows."""
    fees: list[Fee] = []
    pos, tokens = 0, 0
    while match := _TOKEN.match(cell, pos):
        if match["none"] and tokens:
            break  # a second "no information" is the description's, not a fee
        tokens += 1
        note, pos = _note_at(cell, match.end())
        if not match["none"]:
            fees.append(_fee(channel, match, note))
    if not tokens:
        raise Unreliable(Problem.FEE_UNREADABLE)
    return fees, cell[pos:]


def fees_in_description(channel: str, description: str, known: list[Fee]) -> list[Fee]:
    """Extra fee lines written as "Lệ phí: 100.000 đồng" lines of the description."""
    amounts = {fee["amount_vnd"] for fee in known}
    extra: list[Fee] = []
    for line in description.split("\n"):
        match = _DESCRIPTION_LINE.match(strip_bullet(line))
        if not match:
            continue
        amount = int(match["number"].replace(".", ""))
        if amount >= MIN_PLAUSIBLE_VND and amount not in amounts:
            amounts.add(amount)
            extra.append(
                {"channel": channel, "name": match["label"], "amount_vnd": amount, "exemption": ""}
            )
    return extra


def bounded(fee: Fee) -> tuple[Fee, set[Adjustment]]:
    name, cut = truncate(str(fee["name"]), NAME_LIMIT)
    return {**fee, "name": name}, {Adjustment.TEXT_TRUNCATED} if cut else set()
