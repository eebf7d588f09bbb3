"""Work queues: soonest due first, with the time left in words and a class for its colour;
and the officers' list costs the same number of queries for 3 dossiers as for 30.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onestop import calendar


def codes_in_order(response) -> list[str]:
    return [dossier.code for dossier in response.context["page"].object_list]


def test_the_leader_queue_is_sorted_by_due_date(frozen_clock, client, leader, make_dossier):
    now = frozen_clock.now
    submitted = {"decision_requested_at": now}  # submitted for a decision
    later = make_dossier("processing", due_at=now + timedelta(days=9), **submitted)
    overdue = make_dossier("processing", due_at=now - timedelta(days=1), **submitted)
    soon = make_dossier("processing", due_at=now + timedelta(days=3), **submitted)
    make_dossier("received")  # not the leader's to decide
    make_dossier("processing")  # still with the specialists
    client.force_login(leader)
    response = client.get("/ho-so/viec-can-lam/")
    assert codes_in_order(response) == [overdue.code, soon.code, later.code]


def test_the_specialist_queue_shows_remaining_time_with_its_class(
    frozen_clock, client, specialist, make_dossier
):
    now = frozen_clock.now
    overdue = make_dossier("processing", due_at=now - timedelta(days=3))
    at_risk = make_dossier("processing", due_at=calendar.due_at(now, 1, "working_days"))
    on_track = make_dossier("processing", due_at=calendar.due_at(now, 5, "working_days"))
    client.force_login(specialist)
    response = client.get("/ho-so/viec-can-lam/")
    html = response.content.decode()
    assert codes_in_order(response) == [overdue.code, at_risk.code, on_track.code]
    assert "deadline-at_risk" in html and "Sắp đến hạn" in html
    assert "deadline-overdue" in html and "Quá hạn" in html
    assert re.search(r"Quá hạn \d+ (ngày|giờ)", html)
    assert "deadline-on_track" in html and "Trong hạn" in html
    assert re.search(r"còn \d+ ngày", html)


def test_the_desk_queue_holds_dossiers_to_hand_over_or_return(client, desk_officer, make_dossier):
    received, resolved = make_dossier("received"), make_dossier("resolved")
    submitted = make_dossier("submitted")
    client.force_login(desk_officer)
    codes = codes_in_order(client.get("/ho-so/viec-can-lam/"))
    assert set(codes) == {received.code, resolved.code}
    assert submitted.code not in codes


def test_a_citizen_has_no_work_queue(client, citizen):
    client.force_login(citizen)
    assert client.get("/ho-so/viec-can-lam/").status_code == 403


def queries_for(client, user, path: str) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "path",
    ["/ho-so/", "/ho-so/?overdue=false&q=tran", "/ho-so/viec-can-lam/", "/ho-so/tiep-nhan/"],
)
def test_the_officer_list_uses_a_constant_number_of_queries(
    client, desk_officer, specialist, make_dossier, path
):
    states = ["submitted", "received", "processing", "resolved"]
    for state in states:
        make_dossier(state, assigned_specialist=specialist)
    few = queries_for(client, desk_officer, path)
    for _ in range(7):
        for state in states:
            make_dossier(state, assigned_specialist=specialist)
    many = queries_for(client, desk_officer, path)
    assert many == few


def test_my_dossiers_use_a_constant_number_of_queries(client, citizen, make_dossier):
    for _ in range(3):
        make_dossier("received")
    few = queries_for(client, citizen, "/ho-so/")
    for _ in range(27):
        make_dossier("processing")
    assert queries_for(client, citizen, "/ho-so/") == few


def test_a_long_officer_list_says_more_than_the_count_limit(
    client, desk_officer, make_dossier, settings
):
    settings.DOSSIER_LIST_COUNT_LIMIT = 2
    for _ in range(3):
        make_dossier("received")
    client.force_login(desk_officer)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", client.get("/ho-so/").content.decode()))
    assert "Hơn 2 hồ sơ" in text
