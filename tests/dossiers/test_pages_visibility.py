"""Every dossier page and download is a 404 for whoever may not see the dossier: two
citizens, two agencies and a supervisor above one of them.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers import services
from tests.dossiers.conftest import PDF_BYTES

PAGES = [
    "/ho-so/{pk}/",
    "/ho-so/{pk}/nguoi-nop/",
    "/ho-so/{pk}/giay-to/",
    "/ho-so/{pk}/xem-lai/",
    "/ho-so/{pk}/bo-sung/",
    "/ho-so/{pk}/thao-tac/accept/",
    "/ho-so/{pk}/thao-tac/withdraw/",
    "/ho-so/{pk}/tai-lieu/{doc}/",
]
# (persona, may see): the applicant, the agency's officers and the supervisor above it.
VIEWERS = [
    ("citizen", True),
    ("other_citizen", False),
    ("desk_officer", True),
    ("specialist", True),
    ("desk_officer_other_agency", False),
    ("supervisor", True),
]


@pytest.fixture
def dossier_with_document(make_dossier, citizen):
    dossier = make_dossier("supplement_requested")
    document = services.attach_document(
        dossier=dossier,
        by=citizen,
        upload=SimpleUploadedFile("to-khai.pdf", PDF_BYTES),
        item=1,
    )
    return dossier, document


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("persona", "may_see"), VIEWERS)
def test_a_dossier_page_is_not_found_for_those_who_may_not_see_it(
    client, request, dossier_with_document, page, persona, may_see
):
    dossier, document = dossier_with_document
    client.force_login(request.getfixturevalue(persona))
    response = client.get(page.format(pk=dossier.pk, doc=document.pk))
    if may_see:
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(("persona", "may_see"), VIEWERS)
def test_posting_an_action_on_an_unseen_dossier_is_not_found(
    client, request, make_dossier, persona, may_see
):
    dossier = make_dossier("submitted")
    client.force_login(request.getfixturevalue(persona))
    response = client.post(f"/ho-so/{dossier.pk}/thao-tac/refuse/", {"reason": "x"})
    assert (response.status_code == 404) is not may_see


def test_a_download_is_an_attachment_that_is_never_sniffed(client, citizen, dossier_with_document):
    dossier, document = dossier_with_document
    client.force_login(citizen)
    response = client.get(f"/ho-so/{dossier.pk}/tai-lieu/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_document_of_another_dossier_is_not_found(
    client, citizen, make_dossier, dossier_with_document
):
    _dossier, document = dossier_with_document
    mine = make_dossier("submitted")
    client.force_login(citizen)
    assert client.get(f"/ho-so/{mine.pk}/tai-lieu/{document.pk}/").status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in_for_a_dossier(client, make_dossier):
    dossier = make_dossier("submitted")
    response = client.get(f"/ho-so/{dossier.pk}/")
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]


def test_lists_show_only_visible_dossiers(
    client, make_dossier, other_citizen, desk_officer_other_agency
):
    dossier = make_dossier("received")
    for outsider in (other_citizen, desk_officer_other_agency):
        client.force_login(outsider)
        assert dossier.code not in client.get("/ho-so/").content.decode()
