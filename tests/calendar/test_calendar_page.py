"""The public year calendar."""

import datetime as dt
import re

import pytest
from django.conf import settings

from onestop.calendar.models import CalendarOverride, OverrideKind

pytestmark = pytest.mark.django_db


def cell(html: str, day: int, month_index: int) -> str:
    """The class and title of `day` in the `month_index`-th month grid (1-based)."""
    month = html.split('<section class="month"')[month_index]
    grid = month.split("</table>")[0]
    found = re.search(rf'<div class="([^"]*)"[^>]*>{day}\*?</div>', grid)
    assert found, f"day {day} not in month {month_index}"
    return found.group(0)


@pytest.mark.parametrize("year", [1, 1999, 2026, 2100, 9998])
def test_any_year_renders_as_twelve_months(client, year: int) -> None:
    response = client.get(f"/lich-lam-viec/{year}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<section class="month"') == 12
    assert f"Lịch làm việc năm {year}" in html


def test_tet_2026_is_marked_and_named(client) -> None:
    html = client.get("/lich-lam-viec/2026/").content.decode()
    for day in (16, 17, 18, 19, 20):
        assert "day--day_off" in cell(html, day, 2)
    assert 'title="Tết Nguyên Đán"' in cell(html, 17, 2)
    assert "day--weekend" in cell(html, 14, 2)
    assert "Giao thừa Tết Nguyên Đán" in html
    assert "day--working" in cell(html, 23, 2)


def test_make_up_saturdays_are_marked(client) -> None:
    html = client.get("/lich-lam-viec/2025/").content.decode()
    assert "day--make_up" in cell(html, 26, 4)
    assert "day--day_off" in cell(html, 2, 5)


def test_1999_shows_its_holidays(client) -> None:
    html = client.get("/lich-lam-viec/1999/").content.decode()
    # Tết Kỷ Mão: 1 tháng Giêng was Tuesday 16/2/1999.
    assert 'title="Tết Nguyên Đán"' in cell(html, 16, 2)


def test_overrides_show_on_the_page(client) -> None:
    CalendarOverride.objects.create(
        date=dt.date(2026, 3, 10),
        kind=OverrideKind.DAY_OFF,
        name="Ngày giải phóng tỉnh",
        reason="Quyết định của UBND tỉnh",
    )
    html = client.get("/lich-lam-viec/2026/").content.decode()
    assert "day--day_off" in cell(html, 10, 3)
    assert "Ngày giải phóng tỉnh" in html


def test_names_follow_the_chosen_language(client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/lich-lam-viec/2026/").content.decode()
    assert "Lunar New Year" in html


def test_prev_and_next_years_are_linked(client) -> None:
    html = client.get("/lich-lam-viec/2026/").content.decode()
    assert 'href="/lich-lam-viec/2025/"' in html
    assert 'href="/lich-lam-viec/2027/"' in html


def test_the_year_can_be_asked_for_in_the_query(client) -> None:
    response = client.get("/lich-lam-viec/", {"year": "2027"})
    assert response.status_code == 302
    assert response["Location"] == "/lich-lam-viec/2027/"
    assert client.get("/lich-lam-viec/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/lich-lam-viec/0/", "/lich-lam-viec/9999/", "/lich-lam-viec/?year=abc"]
)
def test_impossible_years_are_not_found(client, path: str) -> None:
    assert client.get(path).status_code == 404
