"""The main pages under the enforced Content-Security-Policy in a real browser: chromium
reports no violation, the pages' scripts still run, and the styles moved out of the markup
still apply. Screenshots land in var/screenshots/ for a person to look at.
"""

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.e2e.browser import open_chromium
from tests.e2e.worlds import birth_registration_desk
from tests.factories import (
    DossierFactory,
    UserFactory,
)

pytestmark = pytest.mark.e2e

PASSWORD = "onestop-test"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
# Runs before any script of the page (Playwright injects it through DevTools, outside the
# page's policy) and keeps every violation the browser reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + event.sourceFile + ":" + event.lineNumber
  );
});
"""


@pytest.fixture
def world(transactional_db, settings, tmp_path) -> SimpleNamespace:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = birth_registration_desk()
    UserFactory(username="root", full_name="Quản trị", is_staff=True, is_superuser=True)
    DossierFactory(
        procedure=world.procedure,
        receiving_agency=world.agency,
        applicant_user=world.citizen,
        applicant_name="Nguyễn Văn An",
        state="submitted",
    )
    return world


@pytest.fixture
def browser(world, monkeypatch) -> Iterator[Any]:
    with open_chromium(monkeypatch) as browser:
        yield browser


class WatchedPage:
    """A page whose policy violations, CSP console errors and uncaught errors are kept."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        self.page.add_init_script(RECORD_VIOLATIONS)
        self.base_url = base_url
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")

    def open(self, path: str, screenshot: str | None = None) -> Any:
        response = self.page.goto(self.base_url + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        self.page.wait_for_load_state("networkidle")
        if screenshot:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=SCREENSHOTS / f"{screenshot}.png", full_page=True)
        self.assert_clean(path)
        return self.page

    def assert_clean(self, where: str) -> None:
        violations = self.page.evaluate("window.__cspViolations || []")
        problems = [*self.problems, *violations]
        self.problems.clear()
        assert not problems, f"{where}: " + "; ".join(problems)

    def sign_in(self, username: str) -> None:
        self.open("/tai-khoan/dang-nhap/", screenshot="login")
        self.page.get_by_label("Tên đăng nhập").fill(username)
        self.page.get_by_label("Mật khẩu").fill(PASSWORD)
        self.page.locator("main").get_by_role("button", name="Đăng nhập").click()
        self.page.wait_for_load_state("networkidle")
        self.assert_clean("after signing in")


def test_public_pages_run_their_scripts_and_styles_without_a_violation(live_server, browser, world):
    from playwright.sync_api import expect

    watched = WatchedPage(browser, live_server.url)
    page = watched.open("/", screenshot="home")
    # portal.js ran (it marks the page), and htmx read its configuration from the meta tag
    # instead of injecting its own indicator styles.
    expect(page.locator("html")).to_have_class("js")
    assert page.evaluate("htmx.config.includeIndicatorCSS") is False
    assert page.evaluate("document.adoptedStyleSheets.length") == 0

    watched.open("/thu-tuc/?q=khai+sinh", screenshot="catalogue-search")
    expect(page.get_by_role("status")).to_contain_text("Tìm thấy 1 thủ tục")

    watched.open(f"/thu-tuc/{world.procedure.code}/", screenshot="procedure")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    watched.assert_clean("after switching to English")
    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    watched.open("/lich-lam-viec/2026/", screenshot="calendar")
    # The calendar's styles now come from calendar.css: twelve months laid out as a grid.
    assert page.locator(".months").evaluate("e => getComputedStyle(e).display") == "grid"
    day_off = page.locator(".day--day_off").first
    assert day_off.evaluate("e => getComputedStyle(e).fontWeight") == "700"


def test_the_phone_menu_still_opens_under_the_policy(live_server, browser):
    from playwright.sync_api import expect

    watched = WatchedPage(browser, live_server.url)
    watched.page.set_viewport_size({"width": 390, "height": 844})
    page = watched.open("/thu-tuc/")
    toggle = page.get_by_role("button", name="Danh mục")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    watched.assert_clean("after opening the menu")


def test_the_api_docs_render_swagger_ui_under_the_policy(live_server, browser):
    from playwright.sync_api import expect

    watched = WatchedPage(browser, live_server.url)
    page = watched.page
    page.goto(live_server.url + "/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Một Cửa API")
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    # Swagger UI's own script works: an operation opens with its parameters and responses.
    page.locator(".opblock-summary-path", has_text="/api/v1/procedures/").first.click()
    expect(page.locator(".opblock-body .responses-wrapper").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "api-docs.png")
    # The page's own stylesheet replaced drf-spectacular's inline one.
    assert page.locator("body").evaluate("e => getComputedStyle(e).margin") == "0px"
    watched.assert_clean("/api/docs/")


def test_the_citizen_wizard_and_the_desk_list_work_under_the_policy(live_server, browser, world):
    from playwright.sync_api import expect

    citizen = WatchedPage(browser, live_server.url)
    citizen.sign_in("an")
    page = citizen.open("/ho-so/nop/", screenshot="wizard-choose")
    page.get_by_role("link", name="Đăng ký khai sinh").first.click()
    expect(page.get_by_label("Họ và tên người nộp / tên tổ chức")).to_have_value("Nguyễn Văn An")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "wizard-applicant.png", full_page=True)
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    expect(page.get_by_text("Tờ khai đăng ký khai sinh").first).to_be_visible()
    citizen.assert_clean("the wizard's documents step")

    desk = WatchedPage(browser, live_server.url)
    desk.sign_in("cuc")
    page = desk.open("/ho-so/", screenshot="desk-list")
    expect(page.get_by_text("Nguyễn Văn An").first).to_be_visible()


def test_the_admin_works_under_the_policy(live_server, browser):
    from playwright.sync_api import expect

    admin = WatchedPage(browser, live_server.url)
    admin.sign_in("root")
    admin.open("/quan-tri/", screenshot="admin")
    page = admin.open("/quan-tri/procedures/procedure/", screenshot="admin-procedures")
    # The admin's own scripts run: the filter sidebar and the "select all" checkbox.
    page.locator("#action-toggle").check()
    expect(page.locator(".action-counter")).to_contain_text("1 của 1")
    admin.assert_clean("after selecting all")
