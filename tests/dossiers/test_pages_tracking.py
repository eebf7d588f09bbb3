"""Public tracking at /tra-cuu/: minimal by code, the timeline with the right four digits,
no personal data beyond a masked name, and a limit on wrong guesses.
"""

import re
import secrets
from html import unescape

import pytest
from django.test import Client


def page_text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.fixture
def client() -> Client:
    """A client from an address of its own, so no other test's guesses count against it
    (the limit lives in the shared cache, which may be a real Redis).
    """
    a, b, c = (secrets.randbelow(254) + 1 for _ in range(3))
    return Client(REMOTE_ADDR=f"10.{a}.{b}.{c}")


@pytest.fixture
def dossier(make_dossier, desk_officer):
    from dossiers import services

    dossier = make_dossier(
        "submitted",
        applicant_name="Nguyễn Văn An",
        applicant_phone="0912345678",
        applicant_address="12 Lê Lợi",
        applicant_id_number="001090004321",
    )
    return services.accept_dossier(dossier=dossier, by=desk_officer)


def test_the_tracking_form_is_public(client):
    response = client.get("/tra-cuu/")
    assert response.status_code == 200
    assert 'for="id_ma"' in response.content.decode()


def test_by_code_alone_only_existence_and_the_state_class_are_shown(client, dossier):
    text = page_text(client.get("/tra-cuu/", {"ma": dossier.code}))
    assert f"Hồ sơ {dossier.code}" in text
    assert "Đang giải quyết" in text
    assert dossier.procedure.name not in text
    assert "Được tiếp nhận" not in text
    assert "Bước 2/5" not in text
    assert "Quá trình xử lý" not in text
    assert dossier.receiving_agency.name not in text
    assert "N***** V** A*" not in text


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        ("processing", "Đang giải quyết"),
        ("supplement_requested", "Đang giải quyết"),
        ("resolved", "Đã có kết quả"),
        ("returned", "Đã kết thúc"),
        ("not_accepted", "Đã kết thúc"),
        ("stopped", "Đã kết thúc"),
    ],
)
def test_the_code_alone_shows_the_class_never_the_exact_state(client, make_dossier, state, shown):
    from dossiers.models import State

    dossier = make_dossier(state)
    text = page_text(client.get("/tra-cuu/", {"ma": dossier.code}))
    assert shown in text
    assert dossier.procedure.name not in text
    assert str(State(state).label) not in text


def test_with_the_right_four_digits_the_timeline_shows_agencies_and_dates(client, dossier):
    text = page_text(client.get("/tra-cuu/", {"ma": dossier.code, "cccd": "4321"}))
    assert dossier.procedure.name in text
    assert "Được tiếp nhận" in text
    assert "Bước 2/5" in text
    assert "Quá trình xử lý" in text
    assert "Tiếp nhận" in text
    assert dossier.receiving_agency.name in text
    assert "N***** V** A*" in text


def test_the_timeline_never_shows_personal_data(client, dossier):
    html = client.get("/tra-cuu/", {"ma": dossier.code, "cccd": "4321"}).content.decode()
    for private in ("Nguyễn Văn An", "0912345678", "12 Lê Lợi", "001090004321"):
        assert private not in html


def test_the_signed_in_applicant_sees_the_timeline_without_digits(client, dossier, citizen):
    client.force_login(citizen)
    assert "Quá trình xử lý" in page_text(client.get("/tra-cuu/", {"ma": dossier.code}))


def test_wrong_digits_show_an_error_and_no_result(client, dossier):
    response = client.get("/tra-cuu/", {"ma": dossier.code, "cccd": "0000"})
    text = page_text(response)
    assert "không đúng" in text
    assert dossier.procedure.name not in text


def test_an_unknown_code_says_so(client, db):
    assert "Không tìm thấy hồ sơ" in page_text(client.get("/tra-cuu/", {"ma": "000.00.00.H99-1"}))


def test_a_draft_cannot_be_tracked(client, make_dossier):
    draft = make_dossier("draft")
    assert "Không tìm thấy hồ sơ" in page_text(client.get("/tra-cuu/", {"ma": str(draft.pk)}))


def test_too_many_wrong_guesses_are_answered_429(client, dossier, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "tracking": "3/min",
        },
    }
    for guess in ("1111", "2222", "3333"):
        assert client.get("/tra-cuu/", {"ma": dossier.code, "cccd": guess}).status_code == 200
    limited = client.get("/tra-cuu/", {"ma": dossier.code, "cccd": "4321"})
    assert limited.status_code == 429
    assert "quá nhiều lần" in page_text(limited)
    assert "thử lại sau 1 phút" in page_text(limited)
    other_address = client.get("/tra-cuu/", {"ma": dossier.code}, REMOTE_ADDR="192.0.2.1")
    assert other_address.status_code == 200


def test_every_lookup_counts_against_the_limit_even_a_right_one(client, dossier, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "tracking": "2/min",
        },
    }
    for _ in range(2):
        assert client.get("/tra-cuu/", {"ma": dossier.code}).status_code == 200
    assert client.get("/tra-cuu/", {"ma": dossier.code, "cccd": "4321"}).status_code == 429


def test_the_page_and_the_api_share_one_budget_per_address(client, dossier, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "tracking": "2/min",
        },
    }
    assert client.get("/tra-cuu/", {"ma": dossier.code}).status_code == 200
    assert client.get(f"/api/v1/tracking/{dossier.code}/").status_code == 200
    assert client.get("/tra-cuu/", {"ma": dossier.code}).status_code == 429


def test_the_tracking_page_reads_in_english(client, dossier):
    client.cookies["onestop_language"] = "en"
    text = page_text(client.get("/tra-cuu/", {"ma": dossier.code, "cccd": "4321"}))
    assert "Step 2 of 5" in text
    text = page_text(client.get("/tra-cuu/", {"ma": dossier.code}))
    assert "Add the last 4 digits of the applicant's ID number" in text
