"""Template filters that present catalogue figures the way a citizen reads them."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from procedures.models import TimeUnit

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
