"""A dossier's first steps in a real browser: a citizen files online with a PDF, the desk
accepts it, and the citizen sees it received with its due date.
"""

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.utils import timezone

from dossiers.models import Dossier, State
from tests.e2e.browser import open_chromium, sign_in
from tests.e2e.worlds import birth_registration_desk
from tests.files import PDF_BYTES

pytestmark = pytest.mark.e2e

PASSWORD = "onestop-test"


@pytest.fixture
def world(transactional_db, settings, tmp_path) -> SimpleNamespace:
    settings.MEDIA_ROOT = tmp_path / "media"
    return birth_registration_desk()


@pytest.fixture
def browser(world, monkeypatch) -> Iterator[object]:
    with open_chromium(monkeypatch) as browser:
        yield browser


def signed_in(browser, live_server, username: str):
    return sign_in(browser, live_server, username, PASSWORD)


def test_citizen_files_online_the_desk_accepts_and_the_citizen_sees_it_received(
    live_server, browser, world
):
    from playwright.sync_api import expect

    citizen = signed_in(browser, live_server, "an")
    citizen.goto(f"{live_server.url}/thu-tuc/{world.procedure.code}/")
    citizen.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    expect(citizen.get_by_label("Họ và tên người nộp / tên tổ chức")).to_have_value("Nguyễn Văn An")
    citizen.get_by_role("button", name="Lưu và tiếp tục").click()

    citizen.get_by_label("Chọn tệp: Tờ khai đăng ký khai sinh").set_input_files(
        {"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    citizen.get_by_role("button", name="Tải lên").first.click()
    expect(citizen.get_by_role("link", name="to-khai.pdf")).to_be_visible()
    citizen.get_by_role("link", name="Tiếp tục: xem lại hồ sơ").click()
    citizen.get_by_role("button", name="Nộp hồ sơ").click()
    expect(citizen.get_by_role("status").first).to_contain_text("Đã nộp hồ sơ")
    dossier = Dossier.objects.get()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ {dossier.code}")

    desk = signed_in(browser, live_server, "cuc")
    desk.goto(live_server.url + "/ho-so/tiep-nhan/")
    desk.get_by_role("link", name=dossier.code).click()
    desk.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(desk.get_by_role("status").first).to_contain_text("Được tiếp nhận")

    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED
    citizen.goto(live_server.url + "/ho-so/")
    row = citizen.get_by_role("row").filter(has_text=dossier.code)
    expect(row).to_contain_text("Được tiếp nhận")
    expect(row).to_contain_text(timezone.localtime(dossier.due_at).strftime("%d/%m/%Y"))
