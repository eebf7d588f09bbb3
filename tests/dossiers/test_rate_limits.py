"""Rate limits count per client address, which a forged X-Forwarded-For cannot change,
and they fail closed for sign-in and open for public reads when the cache is down.
"""

import secrets

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from rest_framework.test import APIClient

from onestop.client_address import client_address

# A Redis that is not there: nothing listens on port 1.
REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def random_address() -> str:
    return f"203.0.113.{secrets.randbelow(254) + 1}"


def with_rate(settings, scope: str, rate: str) -> None:
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], scope: rate}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.fixture
def api() -> APIClient:
    cache.clear()
    return APIClient(REMOTE_ADDR="192.0.2.10")


@pytest.fixture
def tracked(make_dossier):
    return make_dossier("processing", applicant_id_number="001090004321")


# --- the client address ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "client"),
    [
        # Without trusted proxies the header is ignored.
        (0, "192.0.2.10", "198.51.100.7", "192.0.2.10"),
        # Behind one proxy the right-most forwarded address is the client.
        (1, "10.0.0.2", "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        # Behind two proxies the second from the right is.
        (2, "10.0.0.3", "1.2.3.4, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
    ],
    ids=["no-proxy", "one-proxy", "two-proxies"],
)
def test_the_client_is_read_only_through_the_trusted_proxies(
    settings, proxies, remote, forwarded, client
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client


def test_a_forwarded_entry_that_is_not_an_address_falls_back_to_the_socket(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="evil")
    assert client_address(request) == "10.0.0.2"


# --- limits cannot be escaped by changing the header ----------------------------------


def test_a_new_forwarded_header_per_request_does_not_escape_the_tracking_limit(
    api, tracked, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    with_rate(settings, "tracking", "3/min")
    answers = [
        api.get(
            f"/api/v1/tracking/{tracked.code}/",
            {"id_last4": f"{n:04d}"},
            HTTP_X_FORWARDED_FOR=random_address(),
        ).status_code
        for n in range(4)
    ]
    assert answers == [404, 404, 404, 429]


def test_a_new_forwarded_header_per_request_does_not_escape_the_login_limit(api, db, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    with_rate(settings, "login", "3/min")
    answers = [
        api.post(
            "/api/v1/auth/token/",
            {"username": f"nobody{n}", "password": "x"},
            HTTP_X_FORWARDED_FOR=random_address(),
        ).status_code
        for n in range(4)
    ]
    assert answers == [400, 400, 400, 429]


def test_behind_one_proxy_only_the_address_it_wrote_counts(api, tracked, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    with_rate(settings, "tracking", "2/min")
    url = f"/api/v1/tracking/{tracked.code}/"
    # The client forges the left part; the proxy appends the real address on the right.
    for _ in range(2):
        forged = f"{random_address()}, 198.51.100.7"
        assert api.get(url, HTTP_X_FORWARDED_FOR=forged).status_code == 200
    assert api.get(url, HTTP_X_FORWARDED_FOR=f"{random_address()}, 198.51.100.7").status_code == 429
    assert api.get(url, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


def test_the_tracking_page_ignores_a_forged_header(tracked, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    with_rate(settings, "tracking", "2/min")
    page = APIClient(REMOTE_ADDR=random_address())
    answers = [
        page.get(
            "/tra-cuu/", {"ma": tracked.code}, HTTP_X_FORWARDED_FOR=random_address()
        ).status_code
        for _ in range(3)
    ]
    assert answers == [200, 200, 429]


# --- the cache is down -------------------------------------------------------------------


def test_with_the_cache_down_token_sign_in_is_refused_with_a_clear_message(
    api, desk_officer, settings
):
    settings.CACHES = REDIS_DOWN
    response = api.post(
        "/api/v1/auth/token/", {"username": "desk", "password": "onestop-test"}, format="json"
    )
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "sign_in_unavailable"
    assert "thử lại sau ít phút" in body["detail"]
    assert "token" not in body


def test_with_the_cache_down_tracking_still_answers(api, tracked, settings):
    settings.CACHES = REDIS_DOWN
    assert api.get(f"/api/v1/tracking/{tracked.code}/").status_code == 200
    digits = api.get(f"/api/v1/tracking/{tracked.code}/", {"id_last4": "4321"})
    assert digits.status_code == 200 and digits.json()["state"] == "processing"
    assert api.get("/tra-cuu/", {"ma": tracked.code}).status_code == 200


def test_the_compose_file_trusts_one_proxy_for_the_web_service_only():
    from pathlib import Path

    import yaml

    compose = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "docker-compose.yml").read_text()
    )
    services = compose["services"]
    assert services["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"
    assert services["web"]["environment"]["DATABASE_URL"].startswith("postgres://")
    assert "TRUSTED_PROXY_COUNT" not in services["worker"]["environment"]


def test_with_the_cache_down_the_sign_in_page_still_counts_failures_and_signs_in(
    desk_officer, settings
):
    from django.test import Client

    settings.CACHES = REDIS_DOWN
    client = Client(REMOTE_ADDR=random_address())
    wrong = client.post("/tai-khoan/dang-nhap/", {"username": "desk", "password": "nope"})
    assert wrong.status_code == 200  # the lockout counts in the database, not the cache
    right = client.post("/tai-khoan/dang-nhap/", {"username": "desk", "password": "onestop-test"})
    assert right.status_code == 302
