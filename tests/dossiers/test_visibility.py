"""Who sees which dossier, on every API route: two citizens, two agencies, a supervisor.

A dossier the caller may not see answers 404 everywhere, exactly like one that does not
exist; tracking is public by code but shows the timeline only to the applicant.
"""

import pytest
from django.core.cache import cache

from dossiers import services
from tests.dossiers.conftest import pdf
from tests.factories import DossierFactory, ProcedureFactory


@pytest.fixture
def mine(make_dossier, citizen):
    """The citizen's dossier, received by the persona agency, with one document."""
    dossier = make_dossier("draft")
    document = services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=1)
    services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=2)
    services.submit_dossier(dossier=dossier, by=citizen)
    return dossier, document


@pytest.fixture
def theirs(other_citizen, other_agency):
    """The other citizen's dossier, at the other agency, with one document."""
    procedure = ProcedureFactory()
    procedure.agencies.add(other_agency)
    dossier = DossierFactory(
        procedure=procedure,
        receiving_agency=other_agency,
        applicant_user=other_citizen,
        applicant_id_number=other_citizen.citizen_id,
    )
    document = services.attach_document(dossier=dossier, by=other_citizen, upload=pdf(), item=1)
    services.attach_document(dossier=dossier, by=other_citizen, upload=pdf(), item=2)
    services.submit_dossier(dossier=dossier, by=other_citizen)
    return dossier, document


# persona -> (sees mine, sees theirs)
SIGHT = {
    "citizen": (True, False),
    "other_citizen": (False, True),
    "desk_officer": (True, False),
    "specialist": (True, False),
    "leader": (True, False),
    "desk_officer_other_agency": (False, True),
    "supervisor": (True, False),  # the persona agency is under the supervisor's province
    "administrator": (False, False),
}


def routes(dossier, document):
    base = f"/api/v1/dossiers/{dossier.pk}/"
    return {
        "detail": base,
        "events": f"{base}events/",
        "documents": f"{base}documents/",
        "download": f"{base}documents/{document.pk}/download/",
    }


@pytest.mark.parametrize("persona", SIGHT)
def test_each_route_shows_a_dossier_only_to_those_entitled(request, api, mine, theirs, persona):
    api.force_authenticate(request.getfixturevalue(persona))
    listed = {row["id"] for row in api.get("/api/v1/dossiers/").json()["results"]}
    for (dossier, document), visible in zip((mine, theirs), SIGHT[persona], strict=True):
        assert (str(dossier.pk) in listed) is visible
        for name, path in routes(dossier, document).items():
            status = api.get(path).status_code
            assert status == (200 if visible else 404), (persona, name, status)


@pytest.mark.parametrize("persona", [name for name, (_, sees) in SIGHT.items() if not sees])
def test_an_invisible_dossier_cannot_receive_uploads_either(request, api, theirs, persona):
    api.force_authenticate(request.getfixturevalue(persona))
    dossier, _document = theirs
    response = api.post(
        f"/api/v1/dossiers/{dossier.pk}/documents/", {"file": pdf(), "item": "other"}
    )
    assert response.status_code == 404


def test_a_document_of_another_dossier_is_not_found_under_mine(api, citizen, mine, theirs):
    api.force_authenticate(citizen)
    dossier, _ = mine
    _, foreign = theirs
    response = api.get(f"/api/v1/dossiers/{dossier.pk}/documents/{foreign.pk}/download/")
    assert response.status_code == 404


def test_anonymous_callers_see_nothing(api, mine):
    dossier, document = mine
    assert api.get("/api/v1/dossiers/").status_code == 401
    for path in routes(dossier, document).values():
        assert api.get(path).status_code == 401


def test_drafts_stay_private_to_the_applicant(api, make_dossier, citizen, desk_officer):
    draft = make_dossier("draft")
    api.force_authenticate(desk_officer)
    assert api.get(f"/api/v1/dossiers/{draft.pk}/").status_code == 404
    api.force_authenticate(citizen)
    assert api.get(f"/api/v1/dossiers/{draft.pk}/").status_code == 200


def test_forwarding_shows_the_dossier_to_the_new_handling_agency(
    api, make_dossier, specialist, other_agency, desk_officer_other_agency
):
    dossier = make_dossier("processing")
    api.force_authenticate(desk_officer_other_agency)
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 404
    services.forward_dossier(dossier=dossier, by=specialist, to_agency=other_agency)
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200


@pytest.mark.parametrize("persona", SIGHT)
def test_tracking_shows_the_timeline_only_with_the_digits_or_to_the_applicant(
    request, api, mine, persona
):
    cache.clear()
    dossier, _ = mine
    api.force_authenticate(request.getfixturevalue(persona))
    plain = api.get(f"/api/v1/tracking/{dossier.code}/").json()
    assert ("timeline" in plain) is (persona == "citizen")
    digits = dossier.applicant_id_number[-4:]
    with_digits = api.get(f"/api/v1/tracking/{dossier.code}/", {"id_last4": digits}).json()
    assert "timeline" in with_digits
