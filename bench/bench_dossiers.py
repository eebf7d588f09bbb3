"""The dossier list at scale: ``GET /api/v1/dossiers/`` over BENCH_DOSSIERS dossiers.

The database is topped up to ``BENCH_DOSSIERS`` generated dossiers (default 1,000,000; set a
smaller number for a quick run) with ``seed_dossiers``' generator. Each request is timed
in-process through the whole middleware stack, against two baselines on the same server:

* a bare "hello" view (what any request costs before the app does anything), and
* the very SQL statements the API ran for its data (count and page), replayed with a plain
  cursor (what the database alone costs).

Callers: a desk officer (one department's dossiers), a commune desk officer, the province
supervisor (every dossier), and a citizen. The officers' list *page* is measured by the
hook :func:`measure_officer_page` once that page exists.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from bench.timing import best_seconds, row

TARGET = int(os.environ.get("BENCH_DOSSIERS", "1000000"))
PAGE = "/ho-so/"  # the officers' dossier list page
# (label, username, query string)
CASES = [
    ("desk officer, first page", "desk1", {}),
    (
        "desk officer, processing, by due date",
        "desk1",
        {"state": "processing", "ordering": "due_at"},
    ),
    ("desk officer, overdue", "desk1", {"overdue": "true"}),
    ("desk officer, name search 'nguyen van'", "desk1", {"q": "nguyen van"}),
    ("commune desk officer, first page", "bench_desk_commune", {}),
    ("supervisor (whole province), first page", "supervisor1", {}),
    ("supervisor, overdue", "supervisor1", {"overdue": "true"}),
    ("citizen, own dossiers", "congdan00001", {}),
]


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello")


# The project's URLs plus the bare view, so both go through the same middleware.
urlpatterns = [path("bench/hello/", hello), path("", include("onestop.urls"))]


def ensure_dossiers(target: int = TARGET) -> None:
    """Demo agencies, accounts and catalogue, then generated dossiers up to `target`."""
    from django.conf import settings

    from dossiers.models import Dossier
    from dossiers.seeding import load_offers, seed_dossiers
    from onestop.demo import seeding as demo

    demo.seed_agencies()
    demo.seed_accounts(password=settings.DEMO_PASSWORD)
    _commune_desk_officer()
    if not load_offers():
        demo.seed_catalogue(reload=True)
    missing = target - Dossier.objects.count()
    if missing > 0:
        started = time.perf_counter()
        seed_dossiers(missing, seed=target, progress=_progress)
        seconds = time.perf_counter() - started
        print(f"  seeded {missing:,} dossiers in {seconds:.0f} s ({missing / seconds:,.0f}/s)")
    _analyze()


def _commune_desk_officer() -> None:
    from django.contrib.auth.models import Group

    from onestop.accounts.models import User
    from onestop.accounts.roles import Role
    from procedures.models import Agency

    user, _created = User.objects.get_or_create(
        username="bench_desk_commune",
        defaults={
            "full_name": "Cán bộ một cửa xã",
            "agency": Agency.objects.get(code="000.31.00.H38"),
        },
    )
    user.groups.add(Group.objects.get(name=Role.DESK_OFFICER))


def _progress(done: int, total: int) -> None:
    if done % 100_000 < 5000 or done == total:
        print(f"  … {done:,}/{total:,}", flush=True)


def _analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE dossiers_dossier")


def _token(username: str) -> str:
    from rest_framework.authtoken.models import Token

    from onestop.accounts.models import User

    token, _created = Token.objects.get_or_create(user=User.objects.get(username=username))
    return f"Token {token.key}"


def data_statements(client: object, params: dict, auth: str) -> list[str]:
    """The SQL the API ran against the dossier table for one request, as executed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/dossiers/", params, HTTP_AUTHORIZATION=auth)
    assert response.status_code == 200, response.content[:300]
    return [q["sql"] for q in captured.captured_queries if "dossiers_dossier" in q["sql"]]


def raw(statements: list[str]) -> Callable[[], None]:
    from django.db import connection

    def run() -> None:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
                cursor.fetchall()

    return run


def measure_officer_page(client: object, username: str, baseline: float) -> None:
    """The officers' dossier list page (/ho-so/) for `username`, with the API cases' filters,
    against the same baselines: the bare view and the page's own SQL replayed raw.
    """
    from onestop.accounts.models import User

    client.force_login(User.objects.get(username=username))
    for label, who, params in CASES:
        if who != username:
            continue
        sql = best_seconds(raw(page_statements(client, params)), repeat=5, number=10)
        page = best_seconds(lambda p=params: client.get(PAGE, p), repeat=5, number=10)
        print(f"  page: {label}")
        print(row("raw SQL (the page's count + rows)", sql))
        print(row(f"GET {PAGE}  (x hello | x raw SQL)", page, baseline) + f" {page / sql:6.2f}x")


def page_statements(client: object, params: dict) -> list[str]:
    """The SQL the list page ran against the dossier table, as executed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(PAGE, params)
    assert response.status_code == 200, response.content[:300]
    return [q["sql"] for q in captured.captured_queries if "dossiers_dossier" in q["sql"]]


def main() -> None:
    from django.test import Client
    from django.test.utils import override_settings

    ensure_dossiers()
    from dossiers.models import Dossier

    print(f"  {Dossier.objects.count():,} dossiers; best of 5 x 10 calls per row")
    with override_settings(ROOT_URLCONF=__name__):
        client = Client()
        base = best_seconds(lambda: client.get("/bench/hello/"), repeat=5, number=10)
        print(row("bare 'hello' view", base))
        for label, username, params in CASES:
            auth = _token(username)
            sql = best_seconds(raw(data_statements(client, params, auth)), repeat=5, number=10)
            api = best_seconds(
                lambda p=params, a=auth: client.get("/api/v1/dossiers/", p, HTTP_AUTHORIZATION=a),
                repeat=5,
                number=10,
            )
            print(f"  {label}")
            print(row("raw SQL (the API's count + page)", sql))
            print(
                row("GET /api/v1/dossiers/  (x hello | x raw SQL)", api, base)
                + f" {api / sql:6.2f}x"
            )
        measure_officer_page(client, "desk1", base)
