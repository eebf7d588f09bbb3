"""The whole journey of a birth registration filed online, in a real browser, with the demo
province's accounts and the catalogue's own record of procedure 1.001193.

`citizen1` answers the checklist's questions and uploads only the papers that apply to an
online filing (no authorisation letter, no paper form, no identity paper to show at the
counter); the commune's desk officer `desk3` receives it and hands it to `specialist3`, who
attaches the result document and submits it to `leader3`; the leader approves, the desk
returns the result, and the citizen reads the decision and downloads the document. Each
person's page is saved to var/screenshots/.
"""

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.utils import timezone

from dossiers.models import Dossier, State
from onestop.accounts.roles import Role, grant
from onestop.demo.seeding import CATALOGUE_FILE, assign_local_agencies, seed_accounts, seed_agencies
from procedures.exchange import import_catalogue
from tests.e2e.browser import DESKTOP, PHONE, open_chromium
from tests.e2e.browser import sign_in as browser_sign_in
from tests.files import PDF_BYTES

pytestmark = pytest.mark.e2e

PASSWORD = "onestop-journey"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
BIRTH_REGISTRATION = "1.001193"
ROLE_PERMISSIONS = {
    Role.CITIZEN: ["dossiers.submit_dossier"],
    Role.DESK_OFFICER: ["dossiers.receive_dossier", "dossiers.view_dossier"],
    Role.SPECIALIST: ["dossiers.process_dossier", "dossiers.view_dossier"],
    Role.LEADER: ["dossiers.decide_dossier", "dossiers.view_dossier"],
}


@pytest.fixture
def world(transactional_db, settings, tmp_path) -> SimpleNamespace:
    settings.MEDIA_ROOT = tmp_path / "media"
    # A transactional test before this one may have emptied the role groups.
    for role, permissions in ROLE_PERMISSIONS.items():
        grant(apps, role, permissions)
    grant(apps, Role.SUPERVISOR, ["dossiers.supervise_dossier"])
    grant(apps, Role.ADMINISTRATOR, ["dossiers.view_dossier"])
    seed_agencies()
    seed_accounts(password=PASSWORD)
    records = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))["procedures"]
    (record,) = [record for record in records if record["code"] == BIRTH_REGISTRATION]
    import_catalogue([record])
    assign_local_agencies()
    return SimpleNamespace(record=record)


@pytest.fixture
def browser(world, monkeypatch) -> Iterator[object]:
    with open_chromium(monkeypatch) as browser:
        yield browser


def sign_in(browser, live_server, username: str, viewport: dict[str, int] = DESKTOP):
    return browser_sign_in(browser, live_server, username, PASSWORD, viewport=viewport)


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"journey-{name}.png", full_page=True)


def upload(page, row: str, filename: str) -> None:
    page.get_by_label(f"Chọn tệp: {row}").set_input_files(
        {"name": filename, "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.locator(
        f"li.upload-row:has(input[aria-describedby^='file-']):has-text('{row}')"
    ).get_by_role("button", name="Tải lên").click()
    from playwright.sync_api import expect

    expect(page.get_by_role("link", name=filename)).to_be_visible()


def act(page, action: str) -> None:
    """Press the dossier page's button or link for `action`, confirming on its own page."""
    page.locator(f"[data-action='{action}']").click()


def file_online(browser, live_server) -> Dossier:
    from playwright.sync_api import expect

    citizen = sign_in(browser, live_server, "citizen1", PHONE)
    expect(citizen.get_by_role("heading", level=1)).to_contain_text("Hồ sơ của tôi")
    citizen.goto(live_server.url + "/ho-so/nop/")
    citizen.get_by_label("Tên hoặc mã thủ tục").fill("khai sinh")
    citizen.get_by_role("button", name="Tìm thủ tục").click()
    citizen.get_by_role("link", name="Đăng ký khai sinh", exact=True).click()
    citizen.get_by_label("Cơ quan tiếp nhận").select_option(label="Ủy ban nhân dân phường Hoa Lư")
    citizen.get_by_role("button", name="Lưu và tiếp tục").click()

    # Every question of the record is asked first; this family's answer is "no" to each.
    questions = citizen.locator("fieldset:has(input[type='radio'][value='khong'])")
    expect(questions.first).to_be_visible()
    assert questions.count() >= 2
    for index in range(questions.count()):
        questions.nth(index).get_by_label("Không").check()
    citizen.get_by_role("button", name="Lưu câu trả lời").click()

    # Only the papers of an online filing are asked for.
    main = citizen.locator("main")
    expect(main).to_contain_text("Giấy chứng sinh")
    expect(main).to_contain_text("Mẫu hộ tịch điện tử tương tác")
    for absent in ("Văn bản ủy quyền", "Tờ khai đăng ký khai sinh theo mẫu", "Hộ chiếu/Thẻ căn"):
        expect(citizen.get_by_label(f"Chọn tệp: {absent}", exact=False)).to_have_count(0)
    shoot(citizen, "1-citizen-papers-phone")
    upload(citizen, "Giấy chứng sinh", "giay-chung-sinh.pdf")
    upload(citizen, "Mẫu hộ tịch điện tử tương tác", "to-khai-dien-tu.pdf")

    citizen.get_by_role("link", name="Tiếp tục: xem lại hồ sơ").click()
    submit = citizen.get_by_role("button", name="Nộp hồ sơ")
    expect(submit).to_be_enabled()
    submit.click()
    expect(citizen.get_by_role("status").first).to_contain_text("Đã nộp hồ sơ")
    expect(main).to_contain_text("Dự kiến")
    shoot(citizen, "2-citizen-submitted-phone")
    return Dossier.objects.get()


def test_citizen1_files_a_birth_registration_online_and_receives_the_result(
    live_server, browser, world
):
    from playwright.sync_api import expect

    dossier = file_online(browser, live_server)
    assert dossier.state == State.SUBMITTED
    assert dossier.channel == "online"
    uploaded = set(dossier.documents.values_list("item_name", flat=True))
    assert len(uploaded) == 2, uploaded
    detail = f"{live_server.url}/ho-so/{dossier.pk}/"

    desk = sign_in(browser, live_server, "desk3")
    expect(desk.get_by_role("heading", level=1)).to_contain_text("tiếp nhận")
    desk.get_by_role("link", name=dossier.code).click()
    act(desk, "accept")
    expect(desk.locator(".timeline")).to_contain_text("Tiếp nhận")
    act(desk, "start_processing")
    desk.get_by_label("Chuyên viên xử lý").select_option(index=1)
    desk.get_by_role("button", name="Chuyển xử lý").click()
    expect(desk.locator(".timeline")).to_contain_text("Chuyển xử lý")
    shoot(desk, "3-desk-handed-over")

    specialist = sign_in(browser, live_server, "specialist3")
    specialist.get_by_role("link", name=dossier.code).click()
    specialist.locator("#attach-result").click()
    specialist.get_by_label("Tệp văn bản kết quả (PDF)").set_input_files(
        {"name": "giay-khai-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    specialist.get_by_label("Số, mã số giấy tờ").fill("125/2026/GKS")
    specialist.get_by_label("Ngày ban hành").fill(timezone.localdate().isoformat())
    specialist.get_by_role("button", name="Đính kèm văn bản kết quả").click()
    expect(specialist.get_by_role("link", name="giay-khai-sinh.pdf")).to_be_visible()
    act(specialist, "submit_for_decision")
    specialist.get_by_role("button", name="Trình lãnh đạo xem xét").click()
    expect(specialist.locator(".timeline")).to_contain_text("Trình lãnh đạo")

    leader = sign_in(browser, live_server, "leader3")
    leader.get_by_role("link", name=dossier.code).click()
    act(leader, "approve")
    expect(leader.locator(".result-label")).to_have_text("Giải quyết: chấp thuận")
    shoot(leader, "4-leader-approved")

    desk.goto(detail)
    act(desk, "return_result")
    desk.get_by_role("button", name="Xác nhận: Trả kết quả").click()
    expect(desk.locator("main")).to_contain_text("Đã trả kết quả")

    citizen = sign_in(browser, live_server, "citizen1", PHONE)
    citizen.goto(detail)
    expect(citizen.locator(".result-label")).to_have_text("Giải quyết: chấp thuận")
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="giay-khai-sinh.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF_BYTES
    shoot(citizen, "5-citizen-result-phone")

    dossier.refresh_from_db()
    assert dossier.state == State.RETURNED
    assert dossier.code.startswith("000.31.00.H38-")
    assert dossier.returned_at - dossier.submitted_at < timedelta(hours=1)
