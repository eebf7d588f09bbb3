"""The online wizard's procedure chooser in a real browser with JavaScript turned off: a
citizen searches, pages through and picks a procedure with plain links and forms."""

from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from procedures.models import OnlineMode
from tests.e2e.browser import open_chromium
from tests.e2e.worlds import birth_registration_desk
from tests.factories import ProcedureFactory

pytestmark = pytest.mark.e2e

PASSWORD = "onestop-test"


@pytest.fixture
def world(transactional_db) -> SimpleNamespace:
    world = birth_registration_desk()
    ProcedureFactory(code="1.000894", name="Đăng ký kết hôn", online_mode=OnlineMode.PARTIAL)
    ProcedureFactory(code="1.011413", name="Kết nối với hệ thống định danh và xác thực điện tử")
    for n in range(25):
        ProcedureFactory(code=f"2.{n:06d}", name=f"Cấp phép hoạt động loại {n}")
    return world


@pytest.fixture
def browser(world, monkeypatch) -> Iterator[object]:
    with open_chromium(monkeypatch) as browser:
        yield browser


def test_a_citizen_finds_and_picks_a_procedure_without_javascript(live_server, browser, world):
    from playwright.sync_api import expect

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/tai-khoan/dang-nhap/?next=/ho-so/nop/")
    page.get_by_label("Tên đăng nhập").fill("an")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(f"{live_server.url}/ho-so/nop/")

    results = page.locator("ol.result-list > li")
    expect(results).to_have_count(20)
    page.get_by_role("link", name="Trang 2").click()
    expect(results).to_have_count(8)

    page.get_by_label("Tên hoặc mã thủ tục").fill("dang ky ket hon")
    page.get_by_role("button", name="Tìm thủ tục").click()
    expect(results).to_have_count(1)
    expect(results).to_contain_text("Đăng ký kết hôn")

    page.get_by_label("Tên hoặc mã thủ tục").fill("bay không người lái")
    page.get_by_role("button", name="Tìm thủ tục").click()
    expect(page.locator("main").get_by_role("heading", level=2)).to_contain_text("Không có thủ tục")

    page.get_by_label("Tên hoặc mã thủ tục").fill("khai sinh cho con")
    page.get_by_role("button", name="Tìm thủ tục").click()
    page.get_by_role("link", name="Đăng ký khai sinh").click()
    expect(page).to_have_url(f"{live_server.url}/ho-so/nop/1.001193/")
    expect(page.get_by_label("Họ và tên người nộp / tên tổ chức")).to_have_value("Nguyễn Văn An")
