"""Lists cost a fixed number of queries, however many dossiers there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for_list(api, user) -> int:
    # A fresh user object, as each real request loads one: permissions are not cached yet.
    api.force_authenticate(type(user).objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/dossiers/", {"page_size": 100})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["citizen", "desk_officer", "supervisor"])
def test_the_dossier_list_uses_a_constant_number_of_queries(
    request, api, make_dossier, specialist, persona
):
    user = request.getfixturevalue(persona)
    for state in ("submitted", "received", "processing"):
        make_dossier(state, assigned_specialist=specialist)
    few = queries_for_list(api, user)
    for _ in range(10):
        for state in ("submitted", "received", "processing", "returned"):
            make_dossier(state, assigned_specialist=specialist)
    many = queries_for_list(api, user)
    assert many == few
    # Two for permissions, up to three for a supervisor's agency tree, the count and the page.
    assert few <= 7
