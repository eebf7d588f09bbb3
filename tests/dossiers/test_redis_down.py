"""With Redis gone, the core still works: intake, accept, the officers' lists, submission.

The cache points at a closed port, so every cache call fails at once with a connection
error, as it does when Redis is stopped. The working-day calendar, which every due date
and every list's "remaining time" reads, must then compare the overrides table instead.
"""

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from dossiers.models import Dossier, State
from onestop.calendar import default
from onestop.calendar.models import CalendarOverride, OverrideKind
from tests.dossiers.conftest import PDF_BYTES, counter_intake_body, pdf
from tests.outages import CLOSED_PORT_CACHES


@pytest.fixture(autouse=True)
def redis_down(db) -> Iterator[None]:
    """The cache is unreachable, and this process has no calendar in memory yet."""
    default.forget()
    with override_settings(CACHES=CLOSED_PORT_CACHES):
        yield
    default.forget()


def test_counter_intake_page_receives_a_dossier(client, desk_officer, procedure):
    client.force_login(desk_officer)
    response = client.post(
        f"/ho-so/tiep-nhan-truc-tiep/?thu_tuc={procedure.code}",
        {
            "applicant_kind": "person",
            "applicant_name": "Lê Văn Quầy",
            "applicant_id_number": "001090000123",
            "channel": "counter",
            "item_1": SimpleUploadedFile("to-khai.pdf", PDF_BYTES),
            "paper_2": "on",
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ho-so/{dossier.pk}/"
    assert dossier.state == State.RECEIVED and dossier.due_at is not None


def test_counter_intake_api_receives_a_dossier(api, desk_officer, procedure):
    api.force_authenticate(desk_officer)
    response = api.post(
        "/api/v1/dossiers/counter-intake/",
        counter_intake_body(procedure),
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == "received" and response.json()["due_at"]


def test_accepting_through_the_page_and_the_api(client, api, desk_officer, make_dossier):
    by_page, by_api = make_dossier("submitted"), make_dossier("submitted")
    client.force_login(desk_officer)
    page = client.post(
        f"/ho-so/{by_page.pk}/thao-tac/accept/", {"revision": by_page.revision}, follow=True
    )
    assert page.status_code == 200
    api.force_authenticate(desk_officer)
    answer = api.post(f"/api/v1/dossiers/{by_api.pk}/accept/", {}, format="json")
    assert answer.status_code == 200, answer.json()
    for dossier in (by_page, by_api):
        dossier = Dossier.objects.get(pk=dossier.pk)
        assert dossier.state == State.RECEIVED and dossier.due_at is not None


@pytest.mark.parametrize(
    "path", ["/ho-so/", "/ho-so/tiep-nhan/", "/ho-so/viec-can-lam/", "/api/v1/dossiers/"]
)
def test_the_officers_lists_show_their_dossiers(client, desk_officer, make_dossier, path):
    dossiers = [make_dossier(state) for state in ("submitted", "received", "processing")]
    client.force_login(desk_officer)
    response = client.get(path)
    assert response.status_code == 200
    assert any(dossier.code in response.content.decode() for dossier in dossiers)


def test_a_citizen_submits_through_the_api(api, citizen, make_dossier):
    dossier = make_dossier("draft")
    api.force_authenticate(citizen)
    for item in ("1", "2"):
        uploaded = api.post(
            f"/api/v1/dossiers/{dossier.pk}/documents/",
            {"file": pdf(), "item": item},
            format="multipart",
        )
        assert uploaded.status_code == 201, uploaded.json()
    submitted = api.post(f"/api/v1/dossiers/{dossier.pk}/submit/", {}, format="json")
    assert submitted.status_code == 200 and submitted.json()["code"]


def test_a_citizen_submits_through_the_pages(client, citizen, make_dossier):
    dossier = make_dossier("draft")
    client.force_login(citizen)
    for item in ("1", "2"):
        file = SimpleUploadedFile("to-khai.pdf", PDF_BYTES, content_type="application/pdf")
        stored = client.post(f"/ho-so/{dossier.pk}/giay-to/", {"item": item, "file": file})
        assert stored.status_code == 302
    review = client.get(f"/ho-so/{dossier.pk}/xem-lai/")
    assert review.status_code == 200
    client.post(f"/ho-so/{dossier.pk}/xem-lai/", {"revision": review.context["dossier"].revision})
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED and dossier.code


def test_an_override_another_process_saved_while_redis_is_down_counts():
    """Without the shared counter, a process still sees a change committed elsewhere."""
    wednesday = dt.date(2030, 1, 2)
    assert default.default_calendar().is_working_day(wednesday)
    # Another process's save: it could not bump the counter, and this process is not told.
    CalendarOverride.objects.bulk_create(
        [CalendarOverride(date=wednesday, kind=OverrideKind.DAY_OFF, name="Nghỉ", reason="QĐ")]
    )
    default._checked_at = 0.0  # past this process's recheck interval
    assert not default.default_calendar().is_working_day(wednesday)


def test_saving_an_override_while_redis_is_down_succeeds(django_capture_on_commit_callbacks):
    wednesday = dt.date(2030, 1, 9)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarOverride.objects.create(
            date=wednesday, kind=OverrideKind.DAY_OFF, name="Nghỉ", reason="Quyết định thử"
        )
    assert not default.default_calendar().is_working_day(wednesday)
