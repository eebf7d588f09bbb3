"""Processing steps (Decree 118/2025 Điều 19(1), (3)): the specialist submits the draft
result to a leader, whose queue holds only what was submitted to them; the leader may send
it back with a reason, and the specialists' queue shows it again.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dossiers import services
from dossiers.exceptions import InvalidInput, TransitionNotAllowed
from dossiers.models import Dossier, DossierEvent
from onestop.accounts.roles import Role
from tests.factories import UserFactory

QUEUE = "/ho-so/viec-can-lam/"


@pytest.fixture
def other_leader(agency):
    return UserFactory(username="leader2", roles=[Role.LEADER], agency=agency)


@pytest.fixture
def leader_elsewhere(other_agency):
    return UserFactory(username="leader_other", roles=[Role.LEADER], agency=other_agency)


def queue_codes(client, user) -> set[str]:
    client.force_login(user)
    response = client.get(QUEUE)
    assert response.status_code == 200
    return {dossier.code for dossier in response.context["page"].object_list}


def test_submitting_records_who_when_and_to_which_leader(
    frozen_clock, make_dossier, specialist, leader
):
    dossier = make_dossier("processing")
    services.submit_for_decision(dossier=dossier, by=specialist, leader=leader, note="Đủ điều kiện")
    dossier.refresh_from_db()
    assert dossier.state == "processing"
    assert dossier.decision_requested_at == frozen_clock.now
    assert dossier.decision_requested_by == specialist and dossier.decision_leader == leader
    event = dossier.events.get(kind=DossierEvent.Kind.SUBMIT_FOR_DECISION)
    assert event.actor == specialist and event.reason == "Đủ điều kiện"
    assert event.details["leader"] == leader.get_full_name()
    assert event.from_state == event.to_state == "processing"


def test_only_a_specialist_of_the_handling_agency_submits(make_dossier, leader, desk_officer):
    dossier = make_dossier("processing")
    for user in (leader, desk_officer):
        with pytest.raises(PermissionDenied):
            services.submit_for_decision(dossier=dossier, by=user)


def test_the_named_leader_must_lead_the_handling_agency(make_dossier, specialist, leader_elsewhere):
    dossier = make_dossier("processing")
    with pytest.raises(InvalidInput) as raised:
        services.submit_for_decision(dossier=dossier, by=specialist, leader=leader_elsewhere)
    assert "leader" in raised.value.errors
    with pytest.raises(InvalidInput):
        services.submit_for_decision(dossier=dossier, by=specialist, leader=specialist)
    assert not dossier.events.filter(kind="submit_for_decision").exists()


def test_a_dossier_is_submitted_once_until_it_comes_back(make_dossier, specialist, leader):
    dossier = make_dossier("processing")
    services.submit_for_decision(dossier=dossier, by=specialist)
    with pytest.raises(TransitionNotAllowed, match="đã được trình"):
        services.submit_for_decision(dossier=dossier, by=specialist)
    services.send_back(dossier=dossier, by=leader, reason="Thiếu căn cứ pháp lý")
    services.submit_for_decision(dossier=dossier, by=specialist)
    assert dossier.events.filter(kind="submit_for_decision").count() == 2


def test_sending_back_needs_a_reason_a_leader_and_a_submitted_draft(
    make_dossier, specialist, leader
):
    dossier = make_dossier("processing")
    with pytest.raises(TransitionNotAllowed, match="chưa được trình"):
        services.send_back(dossier=dossier, by=leader, reason="Xem lại")
    services.submit_for_decision(dossier=dossier, by=specialist)
    with pytest.raises(InvalidInput):
        services.send_back(dossier=dossier, by=leader, reason="  ")
    with pytest.raises(PermissionDenied):
        services.send_back(dossier=dossier, by=specialist, reason="Xem lại")
    services.send_back(dossier=dossier, by=leader, reason="Xem lại")
    dossier.refresh_from_db()
    assert dossier.decision_requested_at is None and dossier.decision_leader is None
    event = dossier.events.get(kind="send_back")
    assert event.reason == "Xem lại" and event.actor == leader


def test_the_leader_queue_holds_only_what_was_submitted_to_them_or_to_any_leader(
    client, make_dossier, specialist, leader, other_leader
):
    to_me, to_anyone, to_other, not_yet = (make_dossier("processing") for _ in range(4))
    services.submit_for_decision(dossier=to_me, by=specialist, leader=leader)
    services.submit_for_decision(dossier=to_anyone, by=specialist)
    services.submit_for_decision(dossier=to_other, by=specialist, leader=other_leader)
    assert queue_codes(client, leader) == {to_me.code, to_anyone.code}
    assert queue_codes(client, other_leader) == {to_other.code, to_anyone.code}
    assert not_yet.code not in queue_codes(client, leader)


def test_the_specialist_queue_drops_a_submitted_dossier_and_shows_it_again_when_sent_back(
    client, make_dossier, specialist, leader
):
    dossier, other = make_dossier("processing"), make_dossier("processing")
    services.submit_for_decision(dossier=dossier, by=specialist)
    assert queue_codes(client, specialist) == {other.code}
    services.send_back(dossier=dossier, by=leader, reason="Bổ sung căn cứ")
    assert queue_codes(client, specialist) == {dossier.code, other.code}
    assert dossier.code not in queue_codes(client, leader)


def test_forwarding_withdraws_the_submission(make_dossier, specialist, leader):
    dossier = make_dossier("processing")
    services.submit_for_decision(dossier=dossier, by=specialist, leader=leader)
    services.forward_dossier(dossier=dossier, by=specialist, specialist=specialist)
    dossier.refresh_from_db()
    assert dossier.decision_requested_at is None and dossier.decision_leader is None


def test_the_leader_queue_costs_the_same_queries_for_3_and_30_dossiers(
    client, make_dossier, specialist, leader
):
    def add(count):
        for _ in range(count):
            services.submit_for_decision(
                dossier=make_dossier("processing", assigned_specialist=specialist),
                by=specialist,
                leader=leader,
            )

    def queries():
        client.force_login(leader)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(QUEUE).status_code == 200
        return len(captured)

    add(3)
    few = queries()
    add(27)
    assert queries() == few


def test_the_decision_queue_filter_is_indexed():
    (index,) = [i for i in Dossier._meta.indexes if i.name == "dossier_decision_queue_idx"]
    assert index.fields == ["handling_agency", "decision_leader", "due_at"]


def test_the_pages_submit_name_a_leader_and_send_back(client, make_dossier, specialist, leader):
    dossier = make_dossier("processing")
    client.force_login(specialist)
    page = client.get(f"/ho-so/{dossier.pk}/thao-tac/submit_for_decision/")
    assert leader.get_full_name() in page.content.decode()
    response = client.post(
        f"/ho-so/{dossier.pk}/thao-tac/submit_for_decision/",
        {"leader": leader.pk, "note": "Trình ký", "revision": dossier.revision},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.decision_leader == leader
    client.force_login(leader)
    detail = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert 'data-action="send_back"' in detail and "Đã trình lãnh đạo" in detail
    missing = client.post(
        f"/ho-so/{dossier.pk}/thao-tac/send_back/", {"reason": "", "revision": dossier.revision}
    )
    assert missing.status_code == 200 and "Vui lòng nêu rõ lý do." in missing.content.decode()
    client.post(
        f"/ho-so/{dossier.pk}/thao-tac/send_back/",
        {"reason": "Sửa lại trích yếu", "revision": dossier.revision},
    )
    dossier.refresh_from_db()
    assert dossier.decision_requested_at is None
    client.force_login(specialist)
    timeline = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert "Trình lãnh đạo" in timeline and "Sửa lại trích yếu" in timeline


def test_the_api_submits_to_a_named_leader_and_sends_back(api, make_dossier, specialist, leader):
    dossier = make_dossier("processing")
    api.force_authenticate(specialist)
    url = f"/api/v1/dossiers/{dossier.pk}"
    unknown = api.post(f"{url}/submit_for_decision/", {"leader": "nobody"}, format="json")
    assert unknown.status_code == 400 and "leader" in unknown.json()["errors"]
    response = api.post(f"{url}/submit_for_decision/", {"leader": "leader"}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["decision_leader"]["username"] == "leader" and body["decision_requested_at"]
    again = api.post(f"{url}/submit_for_decision/", {}, format="json")
    assert again.status_code == 409
    api.force_authenticate(leader)
    no_reason = api.post(f"{url}/send_back/", {}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["errors"]
    back = api.post(f"{url}/send_back/", {"reason": "Xem lại"}, format="json")
    assert back.status_code == 200 and back.json()["decision_requested_at"] is None
    kinds = [event["kind"] for event in api.get(f"{url}/events/").json()]
    assert kinds[-2:] == ["submit_for_decision", "send_back"]
