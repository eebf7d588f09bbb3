"""In a real browser: each role lands on its work after signing in, the citizen sees the
indicative due date right after submitting, and the desk finds the dossier in its intake
queue with the deadline of its check.
"""

import re
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.utils import timezone

from dossiers.models import Dossier
from tests.e2e.browser import open_chromium
from tests.e2e.browser import sign_in as browser_sign_in
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


def sign_in(browser, live_server, username: str, path: str = "/tai-khoan/dang-nhap/"):
    from playwright.sync_api import expect

    page = browser_sign_in(browser, live_server, username, PASSWORD, path=path)
    expect(page).not_to_have_url(re.compile("dang-nhap"))
    return page


def test_citizen_and_desk_land_on_their_work_and_see_the_intake_deadlines(
    live_server, browser, world
):
    from playwright.sync_api import expect

    citizen = sign_in(browser, live_server, "an")
    expect(citizen).to_have_url(f"{live_server.url}/ho-so/")
    expect(citizen.get_by_role("heading", level=1)).to_contain_text("Hồ sơ của tôi")

    citizen.goto(f"{live_server.url}/thu-tuc/{world.procedure.code}/")
    citizen.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    citizen.get_by_role("button", name="Lưu và tiếp tục").click()
    citizen.get_by_label("Chọn tệp: Tờ khai đăng ký khai sinh").set_input_files(
        {"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    citizen.get_by_role("button", name="Tải lên").first.click()
    expect(citizen.get_by_role("link", name="to-khai.pdf")).to_be_visible()
    citizen.get_by_role("link", name="Tiếp tục: xem lại hồ sơ").click()
    citizen.get_by_role("button", name="Nộp hồ sơ").click()
    expect(citizen.get_by_role("status").first).to_contain_text("Đã nộp hồ sơ")
    indicative = citizen.locator("dd.indicative-due")
    expect(indicative).to_contain_text("Dự kiến")
    expect(indicative).to_contain_text("Chỉ để tham khảo")
    expect(citizen.locator("dd.time-limit")).to_have_text("5 ngày làm việc")
    expect(citizen.locator(".dossier-state")).to_have_text("Trạng thái: Mới đăng ký")

    dossier = Dossier.objects.get()
    desk = sign_in(browser, live_server, "cuc")
    expect(desk).to_have_url(f"{live_server.url}/ho-so/tiep-nhan/")
    row = desk.get_by_role("row").filter(has_text=dossier.code)
    due = timezone.localtime(dossier.intake_due_at)
    expect(row).to_contain_text(due.strftime("%H:%M %d/%m/%Y"))


def test_a_page_asked_for_before_signing_in_wins_over_the_landing(live_server, browser, world):
    from playwright.sync_api import expect

    asked = f"/thu-tuc/{world.procedure.code}/"
    desk = sign_in(browser, live_server, "cuc", path=f"/tai-khoan/dang-nhap/?next={asked}")
    expect(desk).to_have_url(live_server.url + asked)
