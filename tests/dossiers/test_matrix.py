"""Every (state, transition, role): exactly the allowed result, in the service and the API.

The expectations are written out here from docs/architecture.md, "The dossier state
machine", independently of the code: who may press each button, and in which states the
button does anything.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from dossiers import services
from dossiers.exceptions import DossierConflict
from dossiers.models import Dossier, State
from tests.dossiers.conftest import pdf, with_result

# transition -> (states it leaves from, roles whose button it is, state it leads to)
RULES = {
    "submit": ({"draft"}, {"applicant"}, "submitted"),
    "accept": ({"submitted"}, {"desk_officer"}, "received"),
    "refuse": ({"submitted"}, {"desk_officer"}, "not_accepted"),
    "request_supplement": (
        {"submitted", "received", "processing"},
        {"desk_officer"},
        "supplement_requested",
    ),
    "resubmit": ({"supplement_requested"}, {"applicant", "desk_officer"}, "received"),
    "start_processing": ({"received"}, {"desk_officer"}, "processing"),
    "forward": ({"processing"}, {"specialist"}, "processing"),
    "ask_supplement": ({"processing"}, {"specialist", "leader"}, "processing"),
    "submit_for_decision": ({"processing"}, {"specialist"}, "processing"),
    "send_back": ({"processing"}, {"leader"}, "processing"),
    "extend": ({"processing"}, {"leader"}, "processing"),
    "request_payment": ({"processing"}, {"specialist"}, "awaiting_payment"),
    "confirm_payment": ({"awaiting_payment"}, {"desk_officer"}, "processing"),
    "approve": ({"processing"}, {"leader"}, "resolved"),
    "reject": ({"processing"}, {"leader"}, "resolved"),
    "stop": ({"processing", "supplement_requested"}, {"leader"}, "stopped"),
    # Once the supplement period is over, which the fixture below arranges.
    "close_unsupplemented": ({"supplement_requested"}, {"desk_officer"}, "stopped"),
    # Decree 118/2025 Điều 21: in every state before the decision, awaiting payment included.
    "withdraw": (
        {"submitted", "received", "processing", "supplement_requested", "awaiting_payment"},
        {"applicant", "desk_officer"},
        "withdrawn",
    ),
    "return_result": ({"resolved"}, {"desk_officer"}, "returned"),
}
PERSONAS = {
    "applicant": "citizen",
    "other_citizen": "other_citizen",
    "desk_officer": "desk_officer",
    "specialist": "specialist",
    "leader": "leader",
    "desk_officer_other_agency": "desk_officer_other_agency",
    "supervisor": "supervisor",
}
# Who sees a dossier of the citizen, received by the persona agency (docs/architecture.md,
# "Roles").
SEES_SUBMITTED = {"applicant", "desk_officer", "specialist", "leader", "supervisor"}
CASES = [
    (state, transition, role) for state in State.values for transition in RULES for role in PERSONAS
]


def arguments(transition, dossier, specialist):
    """Valid service arguments for `transition` (a reason wherever one could be needed)."""
    return {
        "refuse": {"reason": "Không thuộc thẩm quyền"},
        "request_supplement": {"items": [2], "reason": "Thiếu giấy tờ"},
        "ask_supplement": {"items": [2], "reason": "Bản sao chưa chứng thực"},
        "forward": {"specialist": specialist},
        "extend": {
            # Within the procedure's 5 working days counted again from the due date.
            "new_due_at": (dossier.due_at or dossier.created_at) + timedelta(days=5),
            "reason": "Cần xác minh thêm",
        },
        "reject": {"reason": "Không đủ điều kiện"},
        "send_back": {"reason": "Cần xác minh lại"},
        "stop": {"reason": "Người nộp chết"},
    }.get(transition, {})


def body(transition, dossier):
    """The same arguments as the JSON body of the API route."""
    data = arguments(transition, dossier, specialist=None)
    if transition == "forward":
        return {"specialist": "specialist"}
    if transition == "extend":
        data["new_due_at"] = data["new_due_at"].isoformat()
    return data


@pytest.fixture
def dossier_in(make_dossier, citizen, leader):
    def make(state, transition=None):
        dossier = make_dossier(state)
        if state == State.DRAFT:  # a complete draft, so that only state and role decide
            for item in (1, 2):
                services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=item)
            dossier.refresh_from_db()
        if state == State.SUPPLEMENT_REQUESTED:  # its supplement period over
            dossier.supplement_due_at = dossier.supplement_requested_at
            dossier.save()
        if state == State.PROCESSING and transition in ("approve", "reject"):
            with_result(dossier, leader)  # a decision needs its result document
            dossier.refresh_from_db()
        if state == State.PROCESSING and transition == "send_back":
            # What a leader sends back is what a specialist submitted.
            Dossier.objects.filter(pk=dossier.pk).update(decision_requested_at=dossier.due_at)
            dossier.refresh_from_db()
        return dossier

    return make


def expected(state, transition, role):
    states, roles, target = RULES[transition]
    if role not in roles:
        return "forbidden"
    return target if state in states else "conflict"


@pytest.mark.parametrize(("state", "transition", "role"), CASES)
def test_service_allows_exactly_the_rules(request, dossier_in, specialist, state, transition, role):
    user = request.getfixturevalue(PERSONAS[role])
    dossier = dossier_in(state, transition)
    service = services.BY_TRANSITION[transition]
    outcome = expected(state, transition, role)
    kwargs = arguments(transition, dossier, specialist)
    if outcome == "forbidden":
        with pytest.raises(PermissionDenied):
            service(dossier=dossier, by=user, **kwargs)
    elif outcome == "conflict":
        with pytest.raises(DossierConflict):
            service(dossier=dossier, by=user, **kwargs)
    else:
        service(dossier=dossier, by=user, **kwargs)
        dossier.refresh_from_db()
        assert dossier.state == outcome
    assert dossier.events.filter(kind=transition).count() == (
        outcome not in ("forbidden", "conflict")
    )


@pytest.mark.parametrize(("state", "transition", "role"), CASES)
def test_api_answers_exactly_the_rules(request, api, dossier_in, state, transition, role):
    user = request.getfixturevalue(PERSONAS[role])
    request.getfixturevalue("specialist")
    dossier = dossier_in(state, transition)
    api.force_authenticate(user)
    response = api.post(
        f"/api/v1/dossiers/{dossier.pk}/{transition}/", body(transition, dossier), format="json"
    )
    visible = role in SEES_SUBMITTED and (state != State.DRAFT or role == "applicant")
    outcome = expected(state, transition, role)
    if not visible:
        assert response.status_code == 404, response.json()
    elif outcome == "forbidden":
        assert response.status_code == 403, response.json()
    elif outcome == "conflict":
        assert response.status_code == 409, response.json()
        assert response.json()["code"] == "not_allowed_now"
    else:
        assert response.status_code == 200, response.json()
        assert response.json()["state"] == outcome
