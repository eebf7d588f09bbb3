"""Personas, the test clock and database selection shared by the whole suite.

Tests marked ``postgres`` need PostgreSQL (locking, constraints, triggers, trigram indexes).
Under SQLite they are skipped with a printed reason; with ``ONESTOP_REQUIRE_POSTGRES=1``
(as `.ci/run` sets) the run fails instead of skipping them; ``ONESTOP_REQUIRE_BROWSER=1``
does the same for the browser tests, which need the Playwright package and Debian's chromium.

A test whose data or expectations depend on the date or the time of day takes the
``frozen_clock`` fixture, so that it reads the same on a Monday, after Tết or at midnight.
"""

import datetime as dt
import os
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from onestop.accounts.roles import Role
from tests.e2e.browser import browser_unavailable
from tests.factories import AgencyFactory, UserFactory

# An ordinary working day in office hours: a Wednesday in March 2026, two weeks from any
# holiday or make-up day, so that "two days ago" and "in three days" are working days too.
OFFICE_MORNING = dt.datetime(2026, 3, 11, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("ONESTOP_REQUIRE_POSTGRES") == "1" and not settings.USING_POSTGRES:
        raise pytest.UsageError("ONESTOP_REQUIRE_POSTGRES=1 but DATABASE_URL is not PostgreSQL")
    if os.environ.get("ONESTOP_REQUIRE_BROWSER") == "1":
        problem = browser_unavailable()
        if problem:
            raise pytest.UsageError(f"ONESTOP_REQUIRE_BROWSER=1 but {problem}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if settings.USING_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL or start a local server")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


# The statement trigger of dossiers/migrations/0007 that refuses TRUNCATE of the history.
HISTORY_TRUNCATE_TRIGGER = "dossiers_event_no_truncate"


def _uses_database(request: pytest.FixtureRequest) -> bool:
    return bool(
        request.node.get_closest_marker("django_db")
        or {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def history_truncate_trigger_only_off_for_the_flush(
    request: pytest.FixtureRequest,
) -> Iterator[None]:
    """Every test runs with the history's TRUNCATE trigger on; between tests it is off.

    After a transactional test pytest-django empties every table with one TRUNCATE, which
    the trigger refuses. As the tables' owner the suite may switch a trigger off, which no
    product code does: on before each test (inside an ordinary test's transaction, which
    rolls it back), off after a transactional one, so that its flush can run. The reasons
    are in docs/adr/0004-history-refuses-truncate.md.
    """
    if not (settings.USING_POSTGRES and _uses_database(request)):
        yield
        return
    request.getfixturevalue("db")  # set up first, so that its flush comes after our end
    table = "dossiers_dossierevent"
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {HISTORY_TRUNCATE_TRIGGER}")
    yield
    if connection.in_atomic_block:
        return  # the test's transaction is rolled back, and the trigger's state with it
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {HISTORY_TRUNCATE_TRIGGER}")


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Rate-limit counters and lockouts live in the cache: no test inherits another's."""
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing strength is Django's business, not these tests'; PBKDF2 would dominate them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class FrozenClock:
    """The clock every date and time function reads, stopped at :attr:`now` until moved."""

    def __init__(self, machine: time_machine.TimeMachineFixture, instant: dt.datetime) -> None:
        self._machine = machine
        self.now = self.move_to(instant)

    def move_to(self, instant: dt.datetime) -> dt.datetime:
        """Stop the clock at `instant` (an aware datetime) and return it."""
        if instant.tzinfo is None:
            raise ValueError("the test clock needs an aware datetime")
        # In UTC, so that time-machine leaves the process's TZ variable alone.
        self._machine.move_to(instant.astimezone(dt.UTC), tick=False)
        self.now = instant
        return instant

    def advance(self, delta: dt.timedelta) -> dt.datetime:
        """Move the clock `delta` forward (or back, when negative) and return the new now."""
        return self.move_to(self.now + delta)


@pytest.fixture
def frozen_clock(time_machine: time_machine.TimeMachineFixture) -> FrozenClock:
    """``timezone.now``, ``localdate``, ``datetime.now``, ``date.today`` and ``time.time``
    all read :data:`OFFICE_MORNING` (``frozen_clock.now``) until the test moves the clock.
    """
    return FrozenClock(time_machine, OFFICE_MORNING)


@pytest.fixture
def agency(db):
    return AgencyFactory(code="000.00.11.H99", name="Sở Tư pháp thử nghiệm")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(code="000.00.12.H99", name="Sở Xây dựng thử nghiệm")


@pytest.fixture
def citizen(db):
    return UserFactory(username="citizen", roles=[Role.CITIZEN], citizen_id="001090000001")


@pytest.fixture
def other_citizen(db):
    return UserFactory(username="other_citizen", roles=[Role.CITIZEN], citizen_id="001090000002")


@pytest.fixture
def desk_officer(agency):
    return UserFactory(username="desk", roles=[Role.DESK_OFFICER], agency=agency)


@pytest.fixture
def specialist(agency):
    return UserFactory(username="specialist", roles=[Role.SPECIALIST], agency=agency)


@pytest.fixture
def leader(agency):
    return UserFactory(username="leader", roles=[Role.LEADER], agency=agency)


@pytest.fixture
def desk_officer_other_agency(other_agency):
    return UserFactory(username="desk_other", roles=[Role.DESK_OFFICER], agency=other_agency)


@pytest.fixture
def supervisor(agency):
    province = AgencyFactory(code="000.00.00.H99", name="UBND tỉnh thử nghiệm")
    agency.parent = province
    agency.save()
    return UserFactory(username="supervisor", roles=[Role.SUPERVISOR], agency=province)


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", roles=[Role.ADMINISTRATOR], is_staff=True)
