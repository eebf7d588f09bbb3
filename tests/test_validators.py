"""Personal field rules: CCCD numbers, tax codes, birth dates, Vietnamese phone numbers."""

import random
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from dossiers.seeding_people import random_person
from onestop.demo.province import ACCOUNTS
from onestop.province_codes import PROVINCE_CODES
from onestop.validators import (
    citizen_id_birth_year,
    normalise_phone,
    validate_applicant_id,
    validate_birth_date,
    validate_citizen_id,
    validate_citizen_id_matches_birth_date,
    validate_phone,
)

TODAY = date(2026, 3, 11)
ARABIC_INDIC_ONE = "\u0661"
SUPERSCRIPT_TWO = "\u00b2"
FULLWIDTH_ZERO = "\uff10"


def refused(validator, *args) -> str:
    with pytest.raises(ValidationError) as error:
        validator(*args)
    return " ".join(error.value.messages)


def test_the_province_list_has_the_63_codes_of_the_circular():
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["001"] == "Hà Nội" and PROVINCE_CODES["079"] == "Hồ Chí Minh"
    assert "000" not in PROVINCE_CODES and "003" not in PROVINCE_CODES


@pytest.mark.parametrize(
    ("number", "year"),
    [
        ("001090000001", 1990),
        ("038190005678", 1990),
        ("079203001234", 2003),
        ("048325000001", 2025),
    ],
)
def test_a_well_formed_cccd_is_accepted_and_carries_its_birth_year(number, year):
    validate_citizen_id(number, TODAY)
    assert citizen_id_birth_year(number) == year


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("000000000000", "không phải mã tỉnh"),
        ("003090000001", "không phải mã tỉnh"),
        ("097090000001", "không phải mã tỉnh"),
        ("001227000001", "năm chưa đến"),
        ("001490000001", "năm chưa đến"),
        ("00109000000" + SUPERSCRIPT_TWO, "12 chữ số"),
        ("00109000000" + ARABIC_INDIC_ONE, "12 chữ số"),
        (FULLWIDTH_ZERO + "01090000001", "12 chữ số"),
        ("00109000001", "12 chữ số"),
        ("0010900000011", "12 chữ số"),
        ("001090000001\n", "12 chữ số"),
        ("001 90000001", "12 chữ số"),
    ],
)
def test_a_malformed_cccd_is_refused_with_the_reason(number, message):
    text = refused(validate_citizen_id, number, TODAY)
    assert message in text and "CCCD" in text


def test_the_cccd_year_must_be_that_of_the_birth_date():
    validate_citizen_id_matches_birth_date("001090000001", date(1990, 5, 1))
    validate_citizen_id_matches_birth_date("038305001234", date(2005, 12, 31))
    validate_citizen_id_matches_birth_date("001090000001", None)
    text = refused(validate_citizen_id_matches_birth_date, "001090000001", date(1991, 1, 1))
    assert "1990" in text and "1991" in text


@pytest.mark.parametrize("number", ["0101234567", "0101234567-001", "001090000001"])
def test_an_applicant_is_identified_by_a_cccd_or_a_tax_code(number):
    validate_applicant_id(number)


@pytest.mark.parametrize(
    "number", ["000000000000", "12345", "010123456" + ARABIC_INDIC_ONE, "0101234567-1"]
)
def test_an_applicant_id_that_is_neither_is_refused(number):
    refused(validate_applicant_id, number)


@pytest.mark.parametrize("born", [date(1896, 1, 1), date(1990, 2, 28), TODAY])
def test_a_plausible_birth_date_is_accepted(born):
    validate_birth_date(born, TODAY)


@pytest.mark.parametrize(
    ("born", "message"),
    [
        (date(9999, 12, 31), "sau ngày hôm nay"),
        (date(2026, 3, 12), "sau ngày hôm nay"),
        (date(1, 1, 1), "quá 130 tuổi"),
        (date(1895, 12, 31), "quá 130 tuổi"),
    ],
)
def test_a_future_or_implausibly_old_birth_date_is_refused(born, message):
    text = refused(validate_birth_date, born, TODAY)
    assert message in text and "Ngày sinh" in text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("(024) 3825-1234", "02438251234"),
        ("0236 3821 234", "02363821234"),
    ],
)
def test_a_vietnamese_phone_number_is_accepted_and_written_from_0(typed, stored):
    assert normalise_phone(typed) == stored
    validate_phone(stored)


@pytest.mark.parametrize(
    "typed",
    [
        "abc<script>",
        "0112345678",
        "0612345678",
        "091234567",
        "09123456789",
        "0212345678",
        "+1 555 0100",
        "84912345678",
        "091234567" + ARABIC_INDIC_ONE,
        "091234567" + SUPERSCRIPT_TWO,
        FULLWIDTH_ZERO + "912345678",
    ],
)
def test_anything_else_is_not_a_phone_number(typed):
    assert "Số điện thoại" in refused(validate_phone, normalise_phone(typed))


def test_generated_applicants_pass_every_rule():
    rng = random.Random(7)
    for index in range(2000):
        person = random_person(rng, user_id=None, index=index)
        validate_applicant_id(person.id_number)
        validate_phone(person.phone)
        if person.birth_date is not None:
            validate_birth_date(person.birth_date)
            validate_citizen_id_matches_birth_date(person.id_number, person.birth_date)


def test_demo_citizens_have_valid_cccd_numbers():
    numbers = [account.citizen_id for account in ACCOUNTS if account.citizen_id]
    assert numbers
    for number in numbers:
        validate_citizen_id(number)
