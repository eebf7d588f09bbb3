"""In a real browser at phone width, a citizen filing a birth registration online answers
the checklist's question first and then sees only the papers that apply; the submit button
stays disabled until they are uploaded. The screenshot lands in var/screenshots/.
"""

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from dossiers.models import Dossier, State
from tests.e2e.browser import PHONE, open_chromium, sign_in
from tests.e2e.worlds import birth_registration_desk
from tests.factories import BIRTH_REGISTRATION_ROWS, checklist_version
from tests.files import PDF_BYTES

pytestmark = pytest.mark.e2e

PASSWORD = "onestop-test"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
QUESTION = "Anh/chị nộp thay người khác theo ủy quyền?"


@pytest.fixture
def world(transactional_db, settings, tmp_path) -> SimpleNamespace:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = birth_registration_desk()
    checklist_version(world.procedure, BIRTH_REGISTRATION_ROWS)
    return world


@pytest.fixture
def browser(world, monkeypatch) -> Iterator[object]:
    with open_chromium(monkeypatch) as browser:
        yield browser


def attach(page, row: str, name: str) -> None:
    page.get_by_label(f"Chọn tệp: {row}").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.locator(
        f"li.upload-row:has(input[aria-describedby^='file-']):has-text('{row}')"
    ).get_by_role("button", name="Tải lên").click()


def test_a_citizen_answers_the_question_and_sees_only_the_papers_that_apply(
    live_server, browser, world
):
    from playwright.sync_api import expect

    page = sign_in(browser, live_server, "an", PASSWORD, viewport=PHONE)
    page.goto(f"{live_server.url}/ho-so/nop/{world.procedure.code}/")
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    # The question comes first; no paper is listed before it is answered.
    question = page.get_by_role("group", name=QUESTION)
    expect(question).to_be_visible()
    expect(page.get_by_text("Trả lời các câu hỏi ở trên")).to_be_visible()
    expect(page.get_by_label("Chọn tệp: Tờ khai đăng ký khai sinh")).to_have_count(0)
    question.get_by_label("Không").check()
    page.get_by_role("button", name="Lưu câu trả lời").click()

    expect(page.get_by_text("Một trong các giấy tờ sau")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Tờ khai đăng ký khai sinh", exact=True)
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Giấy chứng nhận kết hôn (nếu có)")).to_be_visible()
    expect(page.get_by_text("Văn bản ủy quyền")).to_have_count(0)
    expect(page.get_by_text("Tờ khai bản giấy có chữ ký")).to_have_count(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "wizard-checklist-phone.png", full_page=True)

    page.get_by_role("link", name="Tiếp tục: xem lại hồ sơ").click()
    expect(page.get_by_role("button", name="Nộp hồ sơ")).to_be_disabled()
    expect(page.locator("#submit-blocked")).to_contain_text("Tờ khai đăng ký khai sinh")

    page.get_by_role("link", name="Sửa giấy tờ").click()
    attach(page, "Tờ khai đăng ký khai sinh", "to-khai.pdf")
    expect(page.get_by_role("link", name="to-khai.pdf")).to_be_visible()
    attach(page, "Giấy chứng sinh", "chung-sinh.pdf")
    expect(page.get_by_role("link", name="chung-sinh.pdf")).to_be_visible()
    page.get_by_role("link", name="Tiếp tục: xem lại hồ sơ").click()
    submit = page.get_by_role("button", name="Nộp hồ sơ")
    expect(submit).to_be_enabled()
    submit.click()
    expect(page.get_by_role("status").first).to_contain_text("Đã nộp hồ sơ")
    assert Dossier.objects.get().state == State.SUBMITTED
