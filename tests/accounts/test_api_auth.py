import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture
def api() -> APIClient:
    cache.clear()  # the login throttle counts in the cache
    return APIClient()


def test_token_is_issued_for_good_credentials_and_works(api, desk_officer):
    response = api.post(
        "/api/v1/auth/token/", {"username": "desk", "password": "onestop-test"}, format="json"
    )
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = api.get("/api/v1/auth/me/")
    assert me.status_code == 200
    assert me.json() == {
        "username": "desk",
        "full_name": desk_officer.full_name,
        "roles": ["desk_officer"],
        "agency": "000.00.11.H99",
    }


def test_wrong_password_gets_a_vietnamese_json_error(api, desk_officer):
    response = api.post(
        "/api/v1/auth/token/", {"username": "desk", "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body) == {"code", "detail", "errors"}
    assert "đăng nhập" in " ".join(body["errors"]["non_field_errors"]).lower()


def test_missing_fields_are_named_in_the_error(api, db):
    response = api.post("/api/v1/auth/token/", {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"username", "password"}
    assert "username" in body["detail"] and "password" in body["detail"]


def test_me_needs_authentication(api, db):
    response = api.get("/api/v1/auth/me/")
    assert response.status_code in (401, 403)
    assert response.json()["code"] in ("not_authenticated", "authentication_failed")


def test_me_of_a_citizen_has_no_agency(api, citizen):
    api.force_authenticate(citizen)
    assert api.get("/api/v1/auth/me/").json()["agency"] is None


def test_login_attempts_are_throttled(api, db):
    statuses = [
        api.post("/api/v1/auth/token/", {"username": "x", "password": "y"}).status_code
        for _ in range(12)
    ]
    assert statuses[-1] == 429
