"""Personas and database selection shared by the whole suite.

Tests marked ``postgres`` need PostgreSQL (locking, constraints, triggers, trigram indexes).
Under SQLite they are skipped with a printed reason; with ``ONESTOP_REQUIRE_POSTGRES=1``
(as `.ci/run` sets) the run fails instead of skipping them; ``ONESTOP_REQUIRE_BROWSER=1``
does the same for the browser tests, which need Debian's chromium.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from onestop.accounts.roles import Role
from tests.factories import AgencyFactory, UserFactory


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("ONESTOP_REQUIRE_POSTGRES") == "1" and not settings.USING_POSTGRES:
        raise pytest.UsageError("ONESTOP_REQUIRE_POSTGRES=1 but DATABASE_URL is not PostgreSQL")
    if os.environ.get("ONESTOP_REQUIRE_BROWSER") == "1" and not Path("/usr/bin/chromium").exists():
        raise pytest.UsageError("ONESTOP_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if settings.USING_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL or start a local server")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Rate-limit counters and lockouts live in the cache: no test inherits another's."""
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing strength is Django's business, not these tests'; PBKDF2 would dominate them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
