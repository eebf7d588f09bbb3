"""Sign-in lockout (django-axes) on the page and the token endpoint: per account and
address, with a Vietnamese page or JSON saying when to try again and whom to call.
"""

from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from onestop.accounts.roles import Role
from tests.factories import UserFactory

LOGIN = "/tai-khoan/dang-nhap/"
TOKEN = "/api/v1/auth/token/"
OFFICE = "192.0.2.50"
# Failures happen at this instant; the clock is moved on explicitly after it.
STARTED = datetime(2026, 3, 11, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def lockout_settings(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    settings.PORTAL_HOTLINE = "1900 1234"
    settings.PORTAL_EMAIL = "hotro@example.gov.vn"
    cache.clear()  # the token endpoint's per-address rate counts in the cache


@pytest.fixture
def colleague(agency):
    return UserFactory(username="colleague", roles=[Role.DESK_OFFICER], agency=agency)


def at(instant: datetime):
    """Let axes see `instant` as the time of the attempts made inside the block."""
    return mock.patch("axes.handlers.proxy.now", return_value=instant)


def sign_in(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def fail_three_times(client: Client, username: str = "desk") -> None:
    """Reach the limit: the third wrong password already gets the lockout page."""
    statuses = [sign_in(client, username, "wrong-password").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_after_the_failure_limit_the_right_password_gets_the_lockout_page(desk_officer):
    client = Client(REMOTE_ADDR=OFFICE)
    with at(STARTED):
        fail_three_times(client)
    with at(STARTED + timedelta(minutes=1)):
        response = sign_in(client, "desk", "onestop-test")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tạm khóa đăng nhập" in html
    assert "thử lại sau 09:46 11/03/2026" in html  # 15 minutes after this last attempt
    assert "1900 1234" in html and "hotro@example.gov.vn" in html
    assert "_auth_user_id" not in client.session


def test_a_colleague_behind_the_same_address_still_signs_in(desk_officer, colleague):
    client = Client(REMOTE_ADDR=OFFICE)
    with at(STARTED):
        fail_three_times(client)
        response = sign_in(Client(REMOTE_ADDR=OFFICE), "colleague", "onestop-test")
    assert response.status_code == 302


def test_the_same_account_from_another_address_still_signs_in(desk_officer):
    with at(STARTED):
        fail_three_times(Client(REMOTE_ADDR=OFFICE))
        response = sign_in(Client(REMOTE_ADDR="198.51.100.9"), "desk", "onestop-test")
    assert response.status_code == 302


def test_after_the_cool_off_the_right_password_works_again(desk_officer):
    client = Client(REMOTE_ADDR=OFFICE)
    with at(STARTED):
        fail_three_times(client)
    with at(STARTED + timedelta(minutes=14)):
        assert sign_in(client, "desk", "onestop-test").status_code == 429
    # The refused attempt restarted the cool-off: 15 minutes after it, the lock is over.
    with at(STARTED + timedelta(minutes=14 + 15, seconds=1)):
        assert sign_in(client, "desk", "onestop-test").status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_lockout(desk_officer, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    with at(STARTED):
        for n in range(3):
            forged = Client(REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
            sign_in(forged, "desk", "wrong-password")
        again = Client(REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR="203.0.113.99")
        assert sign_in(again, "desk", "onestop-test").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}


def test_the_token_endpoint_answers_the_documented_json_when_locked(desk_officer):
    api = APIClient(REMOTE_ADDR=OFFICE)
    body = {"username": "desk", "password": "wrong-password"}
    with at(STARTED):
        assert [api.post(TOKEN, body).status_code for _ in range(3)] == [400, 400, 429]
        response = api.post(TOKEN, {"username": "desk", "password": "onestop-test"})
    assert response.status_code == 429
    error = response.json()
    assert set(error) == {"code", "detail", "errors"}
    assert error["code"] == "locked_out"
    assert "09:45 11/03/2026" in error["detail"]
    assert "1900 1234" in error["detail"] and "hotro@example.gov.vn" in error["detail"]
    assert response["Retry-After"] == str(15 * 60)
    assert "token" not in error


def test_page_failures_lock_the_token_endpoint_too(desk_officer):
    with at(STARTED):
        fail_three_times(Client(REMOTE_ADDR=OFFICE))
        response = APIClient(REMOTE_ADDR=OFFICE).post(
            TOKEN, {"username": "desk", "password": "onestop-test"}
        )
    assert response.status_code == 429 and response.json()["code"] == "locked_out"


def test_test_clients_and_in_process_calls_still_sign_in(desk_officer):
    forced = Client()
    forced.force_login(desk_officer)
    assert forced.get("/ho-so/").status_code == 200
    assert Client().login(username="desk", password="onestop-test")
    assert authenticate(username="desk", password="onestop-test") == desk_officer
    assert authenticate(username="desk", password="wrong-password") is None


def test_the_admin_sign_in_locks_too(desk_officer):
    client = Client(REMOTE_ADDR=OFFICE)
    with at(STARTED):
        for _ in range(3):
            client.post("/quan-tri/login/", {"username": "desk", "password": "wrong-password"})
        response = client.post("/quan-tri/login/", {"username": "desk", "password": "onestop-test"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
