"""Every page carries the strict Content-Security-Policy and has nothing inline that it blocks.

The walk is driven by the URL configuration itself: each named route of onestop/urls.py and
the apps' urls is either a page listed in VISITS (with the persona and objects it needs) or
named in NOT_PAGES with the reason; a new route that is neither fails
``test_every_route_is_walked_or_explained``. Every ModelAdmin of the admin site is walked too.
To add a page: append a ``Visit`` (and, if it needs an object, build it in ``world``).
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

import psycopg
import pytest
from axes.models import AccessFailureLog
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token

from dossiers import services
from dossiers.views.actions import ACTIONS
from onestop.accounts.roles import Role, grant
from onestop.calendar.models import CalendarOverride, OverrideKind
from onestop.outbox.models import OutboxTask
from procedures.models import ChecklistCorrection, OnlineMode
from tests.csp_audit import CSP_HEADER, markup_problems, policy_problems
from tests.factories import DossierFactory, ProcedureFactory, UserFactory
from tests.files import PDF_BYTES
from tests.test_settings import run_manage

pytestmark = pytest.mark.django_db

# Routes that answer something other than an HTML page, each with why.
NOT_PAGES = {
    "healthz": "plain-text health probe",
    "set_language": "POST only, redirects",
    "javascript-catalog": "JavaScript, served as a static-like file from 'self'",
    "api-schema": "the OpenAPI document (YAML/JSON)",
    "accounts:logout": "POST only, redirects",
    "dossiers:download": "the stored file itself, sent as an attachment",
    "dossiers:result_download": "the result document itself, sent as an attachment",
    "dossiers:landing": "redirects to the signed-in person's work page",
}
# Every route of these namespaces is JSON (the API) or walked by the admin test below.
NOT_PAGE_NAMESPACES = ("api", "admin")


@dataclass(frozen=True)
class Visit:
    """GET `route` (a URL name) as `persona` (a fixture name; None: anonymous)."""

    route: str
    persona: str | None = None
    kwargs: Callable[[SimpleNamespace], dict[str, Any]] = field(default=lambda world: {})
    query: str = ""
    status: int = 200
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.route}{self.label}{self.query}-{self.persona or 'anonymous'}"


def dossier(state: str) -> Callable[[SimpleNamespace], dict[str, Any]]:
    return lambda world: {"pk": world.dossiers[state].pk}


def action(state: str, name: str) -> Callable[[SimpleNamespace], dict[str, Any]]:
    return lambda world: {"pk": world.dossiers[state].pk, "name": name}


def procedure(world: SimpleNamespace) -> dict[str, Any]:
    return {"code": world.procedure.code}


# (action, dossier state, persona allowed to take it there)
ACTION_VISITS = [
    ("accept", "submitted", "desk_officer"),
    ("refuse", "submitted", "desk_officer"),
    ("request_supplement", "received", "desk_officer"),
    ("resubmit", "supplement_requested", "citizen"),
    ("start_processing", "received", "desk_officer"),
    ("forward", "processing", "specialist"),
    ("ask_supplement", "processing", "specialist"),
    ("submit_for_decision", "processing", "specialist"),
    ("send_back", "submitted_for_decision", "leader"),
    ("extend", "processing", "leader"),
    ("request_payment", "processing", "specialist"),
    ("confirm_payment", "awaiting_payment", "desk_officer"),
    ("approve", "processing", "leader"),
    ("reject", "processing", "leader"),
    ("stop", "processing", "leader"),
    ("close_unsupplemented", "supplement_requested", "desk_officer"),
    ("withdraw", "submitted", "citizen"),
    ("return_result", "resolved", "desk_officer"),
]

VISITS = [
    Visit("home"),
    Visit("home", "citizen"),
    Visit("tracking"),
    Visit("tracking", query="?code={tracked_code}"),
    Visit("accounts:login"),
    Visit("procedures:search"),
    Visit("procedures:search", query="?q=khai+sinh"),
    Visit("procedures:detail", kwargs=procedure),
    Visit("calendar:current"),
    Visit("calendar:year", kwargs=lambda world: {"year": 2026}),
    Visit("api-docs"),
    Visit("dossiers:list", "citizen"),
    Visit("dossiers:list", "desk_officer"),
    Visit("dossiers:list", "supervisor"),
    Visit("dossiers:choose", "citizen"),
    Visit("dossiers:start", "citizen", kwargs=procedure),
    Visit("dossiers:draft_applicant", "citizen", kwargs=dossier("draft")),
    Visit("dossiers:draft_documents", "citizen", kwargs=dossier("draft")),
    Visit("dossiers:draft_review", "citizen", kwargs=dossier("draft")),
    Visit("dossiers:supplement", "citizen", kwargs=dossier("supplement_requested")),
    Visit("dossiers:detail", "citizen", kwargs=dossier("processing")),
    Visit("dossiers:detail", "desk_officer", kwargs=dossier("submitted")),
    Visit("dossiers:detail", "leader", kwargs=dossier("processing")),
    Visit("dossiers:detail", "supervisor", kwargs=dossier("processing")),
    Visit("dossiers:detail", "leader", kwargs=dossier("submitted_for_decision")),
    Visit("dossiers:result", "specialist", kwargs=dossier("processing")),
    Visit("dossiers:intake_queue", "desk_officer"),
    Visit("dossiers:counter_intake", "desk_officer"),
    Visit("dossiers:counter_intake", "desk_officer", query="?procedure={procedure_code}"),
    Visit("dossiers:queue", "desk_officer"),
    Visit("dossiers:queue", "specialist"),
    # The work queue is for officers: the supervisor gets the portal's 403 page.
    Visit("dossiers:queue", "supervisor", status=403),
    *(
        Visit("dossiers:action", persona, kwargs=action(state, name), label=f"/{name}")
        for name, state, persona in ACTION_VISITS
    ),
]


def route_names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from route_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}"


@pytest.fixture
def world(citizen, desk_officer, specialist, leader, supervisor, agency) -> SimpleNamespace:
    grant(apps, Role.CITIZEN, ["dossiers.submit_dossier"])
    online = ProcedureFactory(name="Đăng ký khai sinh", online_mode=OnlineMode.FULL)
    online.agencies.add(agency)

    def make(state: str) -> Any:
        return DossierFactory(
            procedure=online,
            receiving_agency=agency,
            applicant_user=citizen,
            applicant_id_number=citizen.citizen_id,
            state=state,
        )

    states = [
        "draft",
        "submitted",
        "received",
        "processing",
        "supplement_requested",
        "awaiting_payment",
        "resolved",
    ]
    dossiers = {state: make(state) for state in states}
    # Its supplement period over, so that the desk may close it.
    waiting = dossiers["supplement_requested"]
    waiting.supplement_due_at = waiting.supplement_requested_at
    waiting.save()
    dossiers["submitted_for_decision"] = make("processing")
    services.submit_for_decision(dossier=dossiers["submitted_for_decision"], by=specialist)
    for state in ("draft", "supplement_requested"):
        services.attach_document(
            dossier=dossiers[state],
            by=citizen,
            upload=SimpleUploadedFile("to-khai.pdf", PDF_BYTES),
            item=1,
        )
    return SimpleNamespace(
        procedure=online,
        dossiers=dossiers,
        format={
            "tracked_code": dossiers["processing"].code,
            "procedure_code": online.code,
        },
    )


def assert_strict(response: Any, what: str) -> None:
    header = response.get(CSP_HEADER)
    problems = policy_problems(header)
    if response["Content-Type"].startswith("text/html"):
        problems += markup_problems(response.content.decode(), header)
    assert not problems, f"{what}: " + "; ".join(problems)


def test_every_route_is_walked_or_explained():
    walked = {visit.route for visit in VISITS}
    unexplained = [
        name
        for name in route_names(get_resolver().url_patterns)
        if name not in walked
        and name not in NOT_PAGES
        and not name.startswith(tuple(f"{ns}:" for ns in NOT_PAGE_NAMESPACES))
    ]
    assert not unexplained, f"add a Visit (or a NOT_PAGES reason) for: {unexplained}"
    assert {name for name, _state, _persona in ACTION_VISITS} == set(ACTIONS)


@pytest.mark.parametrize("visit", VISITS, ids=lambda visit: visit.id)
def test_a_page_has_the_strict_policy_and_nothing_inline(client, request, world, visit):
    if visit.persona:
        client.force_login(request.getfixturevalue(visit.persona))
    url = reverse(visit.route, kwargs=visit.kwargs(world)) + visit.query.format(**world.format)
    response = client.get(url)
    assert response.status_code == visit.status, url
    assert_strict(response, url)


def admin_urls(objects: dict[type, Any]) -> Iterator[str]:
    """Index, each app's index, and every registered model's list, add, change, history and
    delete pages."""
    yield reverse("admin:index")
    yield reverse("admin:password_change")
    for model, _model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        yield reverse("admin:app_list", kwargs={"app_label": opts.app_label})
        yield reverse(f"{prefix}_changelist")
        yield reverse(f"{prefix}_add")
        pk = objects[model].pk
        for page in ("change", "history", "delete"):
            yield reverse(f"{prefix}_{page}", args=[pk])


def test_every_admin_page_has_the_strict_policy_and_nothing_inline(client, world, administrator):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    CalendarOverride.objects.create(
        date=date(2026, 9, 3), kind=OverrideKind.DAY_OFF, name="Nghỉ bù", reason="Công văn"
    )
    Token.objects.create(user=superuser)
    # One wrong password and one sign-in give the lockout's three admins a row each.
    sign_in = reverse("accounts:login")
    client.post(sign_in, {"username": "root", "password": "wrong"}, REMOTE_ADDR="192.0.2.7")
    superuser.set_password("right-password")
    superuser.save()
    client.post(sign_in, {"username": "root", "password": "right-password"})
    AccessFailureLog.objects.create(  # written only with axes' failure log switched on
        username="root", ip_address="192.0.2.7", user_agent="test", path_info=sign_in
    )
    OutboxTask.objects.create(task_name="dossiers.tasks.notify_applicant", last_error="refused")
    ChecklistCorrection.objects.create(
        procedure_code=world.procedure.code,
        row_name="Tờ khai",
        channels=["counter", "postal"],
        condition_key="uy-quyen",
        condition_question="Anh/chị nộp thay người khác theo ủy quyền?",
    )
    objects = {model: model._default_manager.first() for model in admin.site._registry}
    missing = [model.__name__ for model, obj in objects.items() if obj is None]
    assert not missing, f"the world has no object for the admin of {missing}"
    client.force_login(superuser)
    for url in sorted(set(admin_urls(objects))):
        response = client.get(url)
        # A read-only admin refuses its add page with the portal's 403 page.
        assert response.status_code in (200, 403), url
        assert_strict(response, url)


def test_the_login_page_of_the_admin_is_strict(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert_strict(response, "admin login")


def test_the_api_docs_start_script_is_served_from_its_own_url(client):
    page = client.get(reverse("api-docs")).content.decode()
    script = re.search(r'<script src="([^"]*\?[^"]*script=[^"]*)"', page)
    assert script, "the page has no separate start script"
    response = client.get(script.group(1).replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "status"), [("/thu-tuc/khong-co-thu-tuc-nay/", 404), ("/ho-so/", 302)]
)
def test_error_and_redirect_answers_are_strict(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_strict(response, path)


def test_the_csrf_failure_page_is_strict(world, citizen):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert_strict(response, "CSRF failure")


def test_the_server_error_page_is_strict(client, monkeypatch):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the catalogue is broken")

    monkeypatch.setattr("procedures.views.Paginator", broken)
    client.raise_request_exception = False
    response = client.get(reverse("procedures:search"))
    assert response.status_code == 500
    assert_strict(response, "server error")


def test_production_enforces_the_same_policy_as_development():
    show = (
        "from django.conf import settings as s; "
        "print('report-only' if hasattr(s, 'CONTENT_SECURITY_POLICY_REPORT_ONLY') else '', "
        "s.CONTENT_SECURITY_POLICY, 'csp.middleware.CSPMiddleware' in s.MIDDLEWARE)"
    )
    production = run_manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        env={
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "x7#kq!2vP9zL0mWf4tY8rB1nE6uJ3hS5aD-production-test-key",
            "DJANGO_ALLOWED_HOSTS": "motcua.example.gov.vn",
        },
    )
    development = run_manage("shell", "--no-imports", "-c", show, env={"DJANGO_ENV": "development"})
    assert production.returncode == 0, production.stderr
    assert production.stdout == development.stdout
    assert production.stdout.startswith(" {'DIRECTIVES'")
    assert production.stdout.strip().endswith("True")


@pytest.mark.parametrize(
    ("markup", "problem"),
    [
        ('<p style="color: red">x</p>', "style="),
        ('<button onclick="go()">x</button>', "handler onclick"),
        ("<script>go()</script>", "inline <script>"),
        ('<script nonce="other">go()</script>', "inline <script>"),
        ("<style>p { color: red }</style>", "inline <style>"),
        ('<div hx-on:click="go()">x</div>', "htmx evaluates"),
        ('<a href="javascript:go()">x</a>', "javascript: URL"),
    ],
)
def test_the_markup_audit_names_what_the_policy_would_block(markup, problem):
    problems = markup_problems(markup, "default-src 'self'; script-src 'self' 'nonce-abc'")
    assert len(problems) == 1
    assert problem in problems[0]


def test_the_markup_audit_accepts_nonced_scripts_files_and_data_blocks():
    markup = (
        '<script nonce="abc">go()</script><script src="/static/js/portal.js"></script>'
        '<script type="application/json">{"a": 1}</script><p class="x" data-on="y">x</p>'
    )
    assert markup_problems(markup, "default-src 'self'; script-src 'self' 'nonce-abc'") == []


@pytest.mark.parametrize(
    "header",
    [
        None,
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'",
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self'",
        "default-src *; script-src 'self'; style-src 'self'",
    ],
)
def test_the_policy_audit_refuses_a_missing_or_loosened_policy(header):
    assert policy_problems(header)


def test_the_bad_request_page_is_strict(client, db):
    response = client.get("/thu-tuc/a%00b/")
    assert response.status_code == 400
    assert_strict(response, "bad request")


def test_the_sign_in_lockout_page_is_strict(client, desk_officer, settings):
    settings.AXES_FAILURE_LIMIT = 1
    response = client.post(reverse("accounts:login"), {"username": "desk", "password": "wrong"})
    assert response.status_code == 429
    assert_strict(response, "sign-in lockout")


def test_the_database_unavailable_page_is_strict(client, monkeypatch, db):
    def unreachable(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused") from psycopg.OperationalError("refused")

    monkeypatch.setattr("procedures.views.Paginator", unreachable)
    response = client.get(reverse("procedures:search"))
    assert response.status_code == 503
    assert_strict(response, "database unavailable")
