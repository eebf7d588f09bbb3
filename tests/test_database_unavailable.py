"""With the database unreachable, /healthz, pages and the API answer 503 within seconds."""

import copy
import socket
import time
from collections.abc import Iterator

import pytest
from django.db import OperationalError, connections
from django.test import Client

from onestop.database_unavailable import database_unreachable

# The settings' own timeouts (DATABASE_CONNECT_TIMEOUT, DATABASE_POOL_TIMEOUT) must make a
# request fail this fast (2 s and some slack for a busy machine); the old ones took 10 s for
# /healthz and about 60 s for a page.
QUICKLY = 4.0


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def database_down(db) -> Iterator[None]:
    """Point the default alias at a port nothing listens on, with the project's settings
    otherwise, for the length of the test (its own alias so it gets its own pool).
    """
    Client().get("/healthz")  # load the URLconf and views first: time only the database
    real = connections["default"]
    settings_dict = copy.deepcopy(real.settings_dict)
    settings_dict.update(HOST="127.0.0.1", PORT=str(unused_port()))
    unreachable = real.__class__(settings_dict, alias="unreachable")
    connections["default"] = unreachable
    try:
        yield
    finally:
        connections["default"] = real
        unreachable.close_pool()


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


@pytest.mark.postgres
def test_the_settings_keep_the_timeouts_short(settings):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["connect_timeout"] <= 5
    assert options["pool"]["timeout"] <= 5


@pytest.mark.postgres
def test_healthz_answers_503_within_seconds(database_down):
    response, seconds = timed(lambda: Client().get("/healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}
    assert seconds < QUICKLY


@pytest.mark.postgres
def test_a_page_answers_the_vietnamese_503_page_at_once(database_down):
    response, seconds = timed(lambda: Client().get("/thu-tuc/"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "Hệ thống tạm thời gián đoạn" in html
    assert "Vui lòng thử lại sau ít phút" in html
    assert response["Retry-After"] == "30"
    assert seconds < QUICKLY


@pytest.mark.postgres
def test_the_api_answers_json_503_at_once(database_down):
    response, seconds = timed(lambda: Client().get("/api/v1/procedures/"))
    assert response.status_code == 503
    assert response.json() == {
        "code": "database_unavailable",
        "detail": "Hệ thống tạm thời gián đoạn. Vui lòng thử lại sau ít phút.",
        "errors": {},
    }
    assert seconds < QUICKLY


@pytest.mark.postgres
def test_a_query_cancelled_on_a_reachable_database_is_not_called_unreachable(db):
    with pytest.raises(OperationalError) as raised, connections["default"].cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '10ms'")
        cursor.execute("SELECT pg_sleep(1)")
    assert raised.value.__cause__.sqlstate == "57014"  # query_canceled, an OperationalError
    assert not database_unreachable(raised.value)


def unreachable_error() -> OperationalError:
    import psycopg

    try:
        try:
            raise psycopg.OperationalError("connection failed: Connection refused")
        except psycopg.OperationalError as cause:
            raise OperationalError(str(cause)) from cause
    except OperationalError as wrapped:
        return wrapped


def test_a_failure_outside_a_view_also_answers_503(rf):
    from onestop.database_unavailable import server_error_or_unavailable

    try:
        raise unreachable_error()
    except OperationalError:
        page = server_error_or_unavailable(rf.get("/ho-so/"))
        api = server_error_or_unavailable(rf.get("/api/v1/dossiers/"))
    assert page.status_code == 503 and b"503" in page.content
    assert api.status_code == 503 and b"database_unavailable" in api.content


def test_any_other_error_outside_a_view_is_still_a_500(rf):
    from onestop.database_unavailable import server_error_or_unavailable

    try:
        raise ValueError("bug")
    except ValueError:
        assert server_error_or_unavailable(rf.get("/")).status_code == 500
