"""Processing in a real browser: the specialist submits the draft result to the leader, the
leader finds it in their queue, attaches the result document and approves; once the desk
returns the result, the citizen reads the decision and its download link, never the
specialist's internal note.
"""

from collections.abc import Iterator
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.utils import timezone

from dossiers import services
from dossiers.models import Dossier, State
from onestop.accounts.roles import Role, grant
from tests.e2e.browser import open_chromium, sign_in
from tests.e2e.worlds import birth_registration_desk
from tests.factories import DossierFactory, UserFactory
from tests.files import PDF_BYTES

pytestmark = pytest.mark.e2e

PASSWORD = "onestop-test"
INTERNAL = "Đã gọi điện xác minh với bệnh viện"


@pytest.fixture
def world(transactional_db, settings, tmp_path) -> SimpleNamespace:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = birth_registration_desk()
    grant(apps, Role.SPECIALIST, ["dossiers.process_dossier"])
    grant(apps, Role.LEADER, ["dossiers.decide_dossier"])
    world.specialist = UserFactory(
        username="dung", full_name="Phạm Văn Dũng", roles=[Role.SPECIALIST], agency=world.agency
    )
    world.leader = UserFactory(
        username="hoa", full_name="Trần Thị Hoa", roles=[Role.LEADER], agency=world.agency
    )
    world.dossier = DossierFactory(
        procedure=world.procedure,
        receiving_agency=world.agency,
        applicant_user=world.citizen,
        applicant_name=world.citizen.get_full_name(),
        applicant_id_number=world.citizen.citizen_id,
        state=State.PROCESSING,
        assigned_specialist=world.specialist,
    )
    return world


@pytest.fixture
def browser(world, monkeypatch) -> Iterator[object]:
    with open_chromium(monkeypatch) as browser:
        yield browser


def signed_in(browser, live_server, username: str):
    return sign_in(browser, live_server, username, PASSWORD)


def test_submit_attach_the_result_approve_and_the_citizen_reads_the_decision(
    live_server, browser, world
):
    from playwright.sync_api import expect

    code, detail = world.dossier.code, f"{live_server.url}/ho-so/{world.dossier.pk}/"
    specialist = signed_in(browser, live_server, "dung")
    specialist.goto(detail)
    specialist.get_by_role("link", name="Trình lãnh đạo xem xét").click()
    specialist.get_by_label("Lãnh đạo xem xét").select_option(label="Trần Thị Hoa")
    specialist.get_by_label("Ghi chú").fill(INTERNAL)
    specialist.get_by_role("button", name="Trình lãnh đạo xem xét").click()
    expect(specialist.locator(".timeline")).to_contain_text("Trình lãnh đạo")

    leader = signed_in(browser, live_server, "hoa")
    leader.goto(live_server.url + "/ho-so/viec-can-lam/")
    leader.get_by_role("link", name=code).click()
    expect(leader.locator("#result-missing")).to_be_visible()
    leader.locator("#attach-result").click()
    leader.get_by_label("Tệp văn bản kết quả (PDF)").set_input_files(
        {"name": "trich-luc-khai-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    leader.get_by_label("Số, mã số giấy tờ").fill("25/TLKS")
    yesterday = timezone.localdate() - timedelta(days=1)
    leader.get_by_label("Ngày ban hành").fill(yesterday.isoformat())
    leader.get_by_role("button", name="Đính kèm văn bản kết quả").click()
    expect(leader.get_by_role("link", name="trich-luc-khai-sinh.pdf")).to_be_visible()
    leader.get_by_role("button", name="Phê duyệt kết quả").click()
    expect(leader.locator(".result-label")).to_have_text("Giải quyết: chấp thuận")

    dossier = Dossier.objects.get(pk=world.dossier.pk)
    assert dossier.state == State.RESOLVED
    services.return_result(dossier=dossier, by=world.desk)

    citizen = signed_in(browser, live_server, "an")
    citizen.goto(detail)
    expect(citizen.locator(".result-label")).to_have_text("Giải quyết: chấp thuận")
    expect(citizen.get_by_role("link", name="trich-luc-khai-sinh.pdf")).to_be_visible()
    expect(citizen.locator("main")).not_to_contain_text(INTERNAL)
