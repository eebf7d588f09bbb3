"""Vietnamese by default everywhere; English only when the user picks it, and complete."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.views.defaults import permission_denied, server_error

from procedures.models import Level, OnlineMode
from tests.factories import FieldFactory, ProcedureFactory

ENGLISH_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"

PAGES = ["/", "/thu-tuc/", "/thu-tuc/?q=khai+sinh", "/thu-tuc/1.001193/", "/tai-khoan/dang-nhap/"]


@pytest.fixture
def birth_registration(db):
    return ProcedureFactory(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=FieldFactory(code="ho-tich", name="Hộ tịch"),
        levels=[Level.COMMUNE],
        online_mode=OnlineMode.FULL,
        is_frequent=True,
    )


def choose_language(client, language: str, next_url: str = "/thu-tuc/"):
    return client.post("/ngon-ngu/", {"language": language, "next": next_url})


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_vietnamese_even_when_the_browser_asks_for_english(
    client, birth_registration, url
):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Trang chủ" in html and "Tìm kiếm" in html
    assert response.headers["Content-Language"] == "vi"


def test_not_found_page_is_vietnamese_by_default(client, db):
    response = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Không tìm thấy trang" in html


def test_choosing_english_redirects_back_and_is_remembered(client, birth_registration):
    response = choose_language(client, "en", "/thu-tuc/1.001193/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/thu-tuc/1.001193/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = client.get("/thu-tuc/1.001193/").content.decode()
    assert '<html lang="en">' in html
    assert "Submit a dossier online" in html
    assert "Documents to submit" in html
    assert "Nộp hồ sơ trực tuyến" not in html


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_english_once_chosen(client, birth_registration, url):
    choose_language(client, "en")
    response = client.get(url)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Home" in html and "Search" in html
    assert "Trang chủ" not in html
    assert response.headers["Content-Language"] == "en"


def test_english_pages_use_english_number_formats(client, birth_registration):
    birth_registration.fees.create(name="Lệ phí", amount_vnd=8000)
    choose_language(client, "en")
    assert "VND 8,000" in client.get("/thu-tuc/1.001193/").content.decode()


def test_switching_back_to_vietnamese_works(client, birth_registration):
    choose_language(client, "en")
    response = choose_language(client, "vi")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    html = client.get("/thu-tuc/").content.decode()
    assert '<html lang="vi">' in html
    assert "Thủ tục hành chính" in html


def test_an_unsupported_language_cookie_falls_back_to_vietnamese(client, birth_registration):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_the_language_switch_posts_to_set_language_with_csrf_and_next(client, db):
    html = client.get("/thu-tuc/?q=khai+sinh").content.decode()
    assert 'action="/ngon-ngu/" method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="next" value="/thu-tuc/?q=khai+sinh"' in html
    assert 'value="vi" lang="vi"' in html and "Tiếng Việt" in html
    assert 'value="en" lang="en"' in html and "English" in html


# --- the English catalogue -----------------------------------------------------------------


def po_entries(path: Path) -> list[dict]:
    """Entries of a .po file as {"flags": set, "msgid": str, "msgstr": str, ...}."""
    entries, entry, key = [], {"flags": set()}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if "msgid" in entry:
                entries.append(entry)
            entry, key = {"flags": set()}, None
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue  # references, translator comments and obsolete entries
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return entries


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def test_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = po_entries(ENGLISH_PO)
    assert len(entries) > 100
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    untranslated = [
        entry["msgid"]
        for entry in entries
        if entry["msgid"] and not all(text.strip() for text in translations(entry))
    ]
    assert fuzzy == []
    assert untranslated == []


def test_compiled_english_catalogue_matches_the_po_file():
    # A stale .mo would show Vietnamese text on English pages although the .po is complete.
    stale = []
    with translation.override("en"):
        for entry in po_entries(ENGLISH_PO):
            if not entry["msgid"]:
                continue
            if "msgid_plural" in entry:
                shown = translation.ngettext(entry["msgid"], entry["msgid_plural"], 1)
                expected = entry["msgstr[0]"]
            elif "msgctxt" in entry:
                shown = translation.pgettext(entry["msgctxt"], entry["msgid"])
                expected = entry["msgstr"]
            else:
                shown = translation.gettext(entry["msgid"])
                expected = entry["msgstr"]
            if shown != expected:
                stale.append(entry["msgid"])
    assert stale == []


# --- error pages ---------------------------------------------------------------------------


def test_server_error_page_renders_without_any_context_in_vietnamese(rf):
    with translation.override("vi"):
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="vi">' in html
    assert "Hệ thống đang gặp sự cố" in html


def test_forbidden_page_is_vietnamese_and_offers_login_to_visitors(rf, db):
    request = rf.get("/ho-so/")
    request.user = AnonymousUser()
    with translation.override("vi"):
        response = permission_denied(request, PermissionDenied())
    html = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền truy cập" in html
    assert "/tai-khoan/dang-nhap/?next=/ho-so/" in html
