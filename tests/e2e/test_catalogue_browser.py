"""A citizen finds a procedure in a real browser: Debian's chromium driven by Playwright."""

from collections.abc import Iterator

import pytest

from procedures.models import Fee, Level, OnlineMode
from tests.e2e.browser import open_chromium
from tests.factories import FieldFactory, ProcedureFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def catalogue(transactional_db) -> None:
    civil_status = FieldFactory(code="ho-tich", name="Hộ tịch")
    birth = ProcedureFactory(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=civil_status,
        levels=[Level.COMMUNE],
        online_mode=OnlineMode.FULL,
        checklist=["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
    )
    Fee.objects.create(procedure=birth, name="Lệ phí đăng ký khai sinh", amount_vnd=8000)
    ProcedureFactory(code="1.000893", name="Đăng ký kết hôn", field=civil_status)


@pytest.fixture
def browser(catalogue, monkeypatch) -> Iterator[object]:
    with open_chromium(monkeypatch) as browser:
        yield browser


def test_citizen_finds_birth_registration_and_reads_its_checklist_then_switches_to_english(
    live_server, browser
):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    header_search = page.get_by_role("search").filter(has=page.locator("#header-q"))
    header_search.get_by_label("Tìm thủ tục hành chính").fill("khai sinh")
    header_search.get_by_role("button", name="Tìm kiếm").click()

    expect(page).to_have_url(f"{live_server.url}/thu-tuc/?q=khai+sinh")
    expect(page.get_by_role("status")).to_contain_text("Tìm thấy 1 thủ tục")
    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký khai sinh")
    checklist = page.get_by_role("table").filter(has_text="Tên giấy tờ")
    expect(checklist).to_contain_text("Tờ khai đăng ký khai sinh")
    expect(checklist).to_contain_text("Giấy chứng sinh")
    expect(page.get_by_text("8.000 đồng")).to_be_visible()
    expect(page.get_by_role("link", name="Nộp hồ sơ trực tuyến")).to_be_visible()

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/thu-tuc/1.001193/")
    expect(page.get_by_role("heading", name="Documents to submit")).to_be_visible()
    expect(page.get_by_text("VND 8,000")).to_be_visible()
    expect(page.get_by_role("button", name="Tiếng Việt")).to_be_visible()


def test_phone_menu_opens_from_its_button_and_closes_with_escape(live_server, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server.url + "/thu-tuc/")
    toggle = page.get_by_role("button", name="Danh mục")
    menu_link = page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Đăng nhập"
    )
    expect(menu_link).to_be_hidden()

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu_link).to_be_visible()

    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu_link).to_be_hidden()
    expect(toggle).to_be_focused()
