"""Template filters that present catalogue figures the way a citizen reads them."""

import re
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from onestop.text import fold
from procedures.models import Fee, TimeUnit

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """8000 → "8.000 đồng" (grouping follows the active language); None → ""."""
    if amount is None or amount == "":
        return ""
    grouped = number_format(int(amount), force_grouping=True)
    return gettext("%(amount)s đồng") % {"amount": grouped}


def _plain_number(value: Decimal | float | int) -> tuple[str, int]:
    """The number as shown ("5", "0,5") and the count that picks its plural form."""
    value = Decimal(str(value))
    if value == value.to_integral_value():
        whole = int(value)
        return number_format(whole), whole
    # English uses the plural for fractions ("0.5 days"), hence any count other than 1.
    return number_format(value.normalize()), 2


@register.filter
def duration(amount: Decimal | float | int | None, unit: str) -> str:
    """(5, "working_days") → "5 ngày làm việc"; a same-day limit needs no amount."""
    if unit == TimeUnit.SAME_DAY:
        return gettext("Trong ngày")
    if amount is None or not unit:
        return ""
    shown, count = _plain_number(amount)
    if unit == TimeUnit.WORKING_HOURS:
        text = ngettext("%(n)s giờ làm việc", "%(n)s giờ làm việc", count)
    elif unit == TimeUnit.CALENDAR_DAYS:
        text = ngettext("%(n)s ngày", "%(n)s ngày", count)
    else:
        text = ngettext("%(n)s ngày làm việc", "%(n)s ngày làm việc", count)
    return text % {"n": shown}


# "Thông tư số 60/2023/TT-BTC", "Nghị định 120/2016/NĐ-CP", "Luật Phí và lệ phí".
_REGULATION = re.compile(
    r"(?:Thông tư|Nghị định|Nghị quyết|Quyết định)(?: số)?\s+\d[\w./-]*"
    r"|Luật [Pp]hí và lệ phí(?: số \d[\w./-]*)?"
)
_RULE_PHRASE = re.compile(r"theo quy định (?P<rule>(?:tại|của) [^.;()]{3,120})", re.IGNORECASE)
_LOCAL = ("hoi dong nhan dan", "uy ban nhan dan", "dia phuong")


@register.filter
def fee_basis(fee: Fee) -> str:
    """What a fee without an amount is charged by: "Theo quy định tại <regulation>".

    Used only for fees that are neither free nor given in đồng; the regulation is the first
    one the portal's note cites. A note naming the province's council is a local fee.
    """
    note = fee.exemption or ""
    match = _REGULATION.search(note)
    if match:
        return gettext("Theo quy định tại %(regulation)s") % {
            "regulation": match.group(0).rstrip(".,;")
        }
    if any(marker in fold(note) for marker in _LOCAL) or not note:
        return gettext("Theo quy định của địa phương")
    phrase = _RULE_PHRASE.search(note)
    if phrase:  # "theo quy định của pháp luật về phí, lệ phí"
        return gettext("Theo quy định %(rule)s") % {"rule": phrase["rule"].strip()}
    return gettext("Theo quy định hiện hành")
