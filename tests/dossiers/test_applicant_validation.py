"""Applicant fields are checked alike on the pages, in the API and on user accounts."""

import pytest
from django.core.exceptions import ValidationError

from dossiers.models import Dossier
from onestop.accounts.models import User
from tests.dossiers.conftest import pdf

ARABIC_INDIC_ONE = "\u0661"
SUPERSCRIPT_TWO = "\u00b2"

BAD_FIELDS = [
    ({"applicant_id_number": "000000000000"}, "applicant_id_number", "mã tỉnh"),
    ({"applicant_id_number": "00109000000" + ARABIC_INDIC_ONE}, "applicant_id_number", "CCCD"),
    ({"applicant_id_number": "00109000000" + SUPERSCRIPT_TWO}, "applicant_id_number", "CCCD"),
    ({"applicant_birth_date": "9999-12-31"}, "applicant_birth_date", "Ngày sinh"),
    ({"applicant_birth_date": "0001-01-01"}, "applicant_birth_date", "Ngày sinh"),
    ({"applicant_phone": "abc<script>"}, "applicant_phone", "Số điện thoại"),
    ({"applicant_phone": "091234567" + ARABIC_INDIC_ONE}, "applicant_phone", "Số điện thoại"),
    (
        {"applicant_id_number": "001090000001", "applicant_birth_date": "1991-04-30"},
        "applicant_id_number",
        "không khớp với ngày sinh",
    ),
]
BAD_IDS = [
    "cccd-province",
    "cccd-arabic-indic-digit",
    "cccd-superscript",
    "born-in-9999",
    "born-in-0001",
    "phone-with-markup",
    "phone-arabic-indic-digit",
    "cccd-year-not-the-birth-year",
]


@pytest.fixture
def citizen_api(api, citizen):
    api.force_authenticate(citizen)
    return api


@pytest.mark.parametrize(("fields", "field", "message"), BAD_FIELDS, ids=BAD_IDS)
def test_the_api_refuses_a_bad_applicant_field_on_create(
    citizen_api, procedure, fields, field, message
):
    response = citizen_api.post("/api/v1/dossiers/", {"procedure": procedure.code, **fields})
    assert response.status_code == 400
    assert message in " ".join(response.json()["errors"][field])
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(("fields", "field", "message"), BAD_FIELDS, ids=BAD_IDS)
def test_the_api_refuses_a_bad_applicant_field_on_patch(
    citizen_api, make_dossier, fields, field, message
):
    dossier = make_dossier("draft")
    response = citizen_api.patch(f"/api/v1/dossiers/{dossier.pk}/", fields)
    assert response.status_code == 400
    assert message in " ".join(response.json()["errors"][field])
    dossier.refresh_from_db()
    assert dossier.revision == 0 and dossier.applicant_id_number == "001090000001"


def test_the_api_writes_a_phone_number_from_0(citizen_api, procedure):
    response = citizen_api.post(
        "/api/v1/dossiers/", {"procedure": procedure.code, "applicant_phone": "+84 912 345 678"}
    )
    assert response.status_code == 201
    assert Dossier.objects.get().applicant_phone == "0912345678"


def test_counter_intake_in_the_api_refuses_a_cccd_without_a_province(api, desk_officer, procedure):
    api.force_authenticate(desk_officer)
    response = api.post(
        "/api/v1/dossiers/counter-intake/",
        {
            "procedure": procedure.code,
            "applicant_name": "Trần Thị Bình",
            "applicant_id_number": "000000000000",
            "files": [pdf()],
            "items": ["1"],
        },
        format="multipart",
    )
    assert response.status_code == 400 and "applicant_id_number" in response.json()["errors"]
    assert not Dossier.objects.exists()


def wizard_body(**fields: str) -> dict[str, str]:
    return {
        "applicant_kind": "person",
        "applicant_name": "Nguyễn Văn An",
        "applicant_id_number": "001090000001",
        **fields,
    }


@pytest.mark.parametrize(("fields", "field", "message"), BAD_FIELDS, ids=BAD_IDS)
def test_the_citizen_wizard_refuses_a_bad_applicant_field(
    client, citizen, procedure, fields, field, message
):
    client.force_login(citizen)
    response = client.post(f"/ho-so/nop/{procedure.code}/", wizard_body(**fields))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(("fields", "field", "message"), BAD_FIELDS, ids=BAD_IDS)
def test_counter_intake_refuses_a_bad_applicant_field(
    client, desk_officer, procedure, fields, field, message
):
    client.force_login(desk_officer)
    response = client.post(
        f"/ho-so/tiep-nhan-truc-tiep/?thu_tuc={procedure.code}",
        {**wizard_body(**fields), "channel": "counter"},
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(("fields", "field", "message"), BAD_FIELDS, ids=BAD_IDS)
def test_editing_a_draft_refuses_a_bad_applicant_field(
    client, citizen, make_dossier, fields, field, message
):
    dossier = make_dossier("draft")
    client.force_login(citizen)
    response = client.post(
        f"/ho-so/{dossier.pk}/nguoi-nop/", {**wizard_body(**fields), "revision": "0"}
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    dossier.refresh_from_db()
    assert dossier.revision == 0


def test_the_wizard_writes_a_phone_number_from_0(client, citizen, procedure):
    client.force_login(citizen)
    client.post(f"/ho-so/nop/{procedure.code}/", wizard_body(applicant_phone="0912.345.678"))
    assert Dossier.objects.get().applicant_phone == "0912345678"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("citizen_id", "000000000000"),
        ("citizen_id", "00109000000" + ARABIC_INDIC_ONE),
        ("phone", "abc<script>"),
    ],
)
def test_a_user_account_refuses_a_bad_personal_field(citizen, field, value):
    setattr(citizen, field, value)
    with pytest.raises(ValidationError) as error:
        citizen.full_clean()
    assert set(error.value.message_dict) == {field}
    assert User.objects.get(pk=citizen.pk).citizen_id == "001090000001"
