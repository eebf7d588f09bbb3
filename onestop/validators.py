"""Rules for personal fields: CCCD numbers, tax codes, birth dates and phone numbers.

One module, used by the page forms, the API's input serializers and the model fields alike,
so that a value refused in one place is refused everywhere. Only ASCII digits count: Python's
``str.isdigit`` and ``\\d`` also accept superscripts and the digits of other scripts, which
no register holds.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onestop.province_codes import PROVINCE_CODES

# Older than this is a typing error, not a person.
MAX_AGE_YEARS = 130
CITIZEN_ID = re.compile(r"[0-9]{12}")
# An organisation's tax code: 10 digits, a branch's with "-" and 3 more.
TAX_CODE = re.compile(r"[0-9]{10}(-[0-9]{3})?")
# Since the 2018 move to 10-digit mobile numbers every mobile prefix is 03, 05, 07, 08 or 09;
# since the 2017 area-code change every landline is 0, a code starting with 2, and the
# subscriber number, 11 digits in all.
MOBILE = re.compile(r"0[35789][0-9]{8}")
LANDLINE = re.compile(r"02[0-9]{9}")
PHONE_SEPARATORS = re.compile(r"[ .\-()]")

APPLICANT_ID_MESSAGE = _(
    "Nhập số CCCD (12 chữ số) hoặc mã số thuế của tổ chức (10 chữ số, có thể kèm -NNN)."
)
PHONE_MESSAGE = _(
    "Số điện thoại không hợp lệ: nhập số di động 10 chữ số bắt đầu bằng 03, 05, 07, 08 "
    "hoặc 09, hoặc số cố định gồm mã vùng (bắt đầu bằng 02, 11 chữ số); có thể viết +84 "
    "thay cho số 0 đầu."
)


def citizen_id_birth_year(number: str) -> int:
    """The birth year a well-formed CCCD number carries.

    The 4th digit is the century and sex (Circular 07/2016/TT-BCA, kept by Circular
    59/2021/TT-BCA): 0/1 for the 20th century (men/women), 2/3 for the 21st, up to 8/9 for
    the 24th; the 5th and 6th are the last two digits of the year.
    """
    return 1900 + 100 * (int(number[3]) // 2) + int(number[4:6])


def validate_citizen_id(value: str, today: date | None = None) -> None:
    """A CCCD number: 12 ASCII digits, a province code, and a birth year that has come."""
    if not CITIZEN_ID.fullmatch(value):
        raise ValidationError(_("Số CCCD phải gồm đúng 12 chữ số từ 0 đến 9."), code="invalid")
    if value[:3] not in PROVINCE_CODES:
        raise ValidationError(
            _(
                "Số CCCD không hợp lệ: ba chữ số đầu (%(code)s) không phải mã tỉnh, thành phố "
                "nơi đăng ký khai sinh."
            ),
            code="province",
            params={"code": value[:3]},
        )
    year = citizen_id_birth_year(value)
    if year > (today or timezone.localdate()).year:
        raise ValidationError(
            _(
                "Số CCCD không hợp lệ: chữ số thứ tư đến thứ sáu cho năm sinh %(year)s, "
                "năm chưa đến."
            ),
            code="birth_year",
            params={"year": year},
        )


def validate_citizen_id_matches_birth_date(number: str, birth_date: date | None) -> None:
    """The year in a well-formed CCCD number is the year of the birth date, when known."""
    if birth_date is None or not CITIZEN_ID.fullmatch(number):
        return
    carried = citizen_id_birth_year(number)
    if carried != birth_date.year:
        raise ValidationError(
            _(
                "Số CCCD không khớp với ngày sinh: số này ứng với năm sinh %(carried)s, "
                "ngày sinh đã nhập thuộc năm %(year)s."
            ),
            code="birth_year_mismatch",
            params={"carried": carried, "year": birth_date.year},
        )


def validate_applicant_id(value: str) -> None:
    """A person's CCCD number or an organisation's tax code."""
    if TAX_CODE.fullmatch(value):
        return
    if not CITIZEN_ID.fullmatch(value):
        raise ValidationError(APPLICANT_ID_MESSAGE, code="invalid")
    validate_citizen_id(value)


def validate_birth_date(value: date, today: date | None = None) -> None:
    """Not after today, and not more than MAX_AGE_YEARS ago."""
    today = today or timezone.localdate()
    if value > today:
        raise ValidationError(_("Ngày sinh không được sau ngày hôm nay."), code="future")
    if value.year < today.year - MAX_AGE_YEARS:
        raise ValidationError(
            _("Ngày sinh không hợp lệ: không thể trước năm %(year)s (quá %(age)s tuổi)."),
            code="too_old",
            params={"year": today.year - MAX_AGE_YEARS, "age": MAX_AGE_YEARS},
        )


def normalise_phone(value: str) -> str:
    """`value` without spaces, dots, dashes or brackets, and with +84 written as 0."""
    number = PHONE_SEPARATORS.sub("", value.strip())
    if number.startswith("+84"):
        number = "0" + number.removeprefix("+84")
    return number


def validate_phone(value: str) -> None:
    """A Vietnamese mobile or landline number, as `normalise_phone` writes it."""
    if not (MOBILE.fullmatch(value) or LANDLINE.fullmatch(value)):
        raise ValidationError(PHONE_MESSAGE, code="invalid")
