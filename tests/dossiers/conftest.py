"""Dossier fixtures: documents stored in a temporary directory, a procedure of the test
agency, and a maker for dossiers of the persona agencies in any state.
"""

import datetime
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from dossiers.models import Dossier
from procedures.models import Procedure
from tests.factories import DossierFactory, ProcedureFactory
from tests.files import JPEG_BYTES, PDF_BYTES, PNG_BYTES

__all__ = ["JPEG_BYTES", "PDF_BYTES", "PNG_BYTES"]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def procedure(agency) -> Procedure:
    procedure = ProcedureFactory(name="Đăng ký khai sinh", checklist=["Tờ khai", "Giấy chứng sinh"])
    procedure.agencies.add(agency)
    return procedure


@pytest.fixture
def make_dossier(procedure, agency, citizen) -> Callable[..., Dossier]:
    """A dossier of `citizen`, received and handled by `agency`, in the given state."""

    def make(state: str = "draft", **fields: object) -> Dossier:
        values = {
            "procedure": procedure,
            "receiving_agency": agency,
            "applicant_user": citizen,
            "applicant_id_number": citizen.citizen_id,
            "state": state,
            **fields,
        }
        return DossierFactory(**values)

    return make


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def pdf(name: str = "to-khai.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def as_user(client: APIClient, user: object) -> APIClient:
    client.force_authenticate(user)
    return client


def counter_intake_body(procedure: Procedure) -> dict[str, object]:
    """A complete counter intake through the API: a walk-in applicant and both documents."""
    return {
        "procedure": procedure.code,
        "applicant_name": "Phạm Thị Quầy",
        "applicant_id_number": "001199000777",
        "files": [pdf("to-khai.pdf"), pdf("giay-chung-sinh.pdf")],
        "items": ["1", "2"],
    }


ISSUED_ON = datetime.date(2025, 12, 1)


def with_result(dossier: Dossier, by: object, number: str = "123/QĐ-UBND") -> Dossier:
    """Attach a result document to a processing dossier, as a decision requires."""
    from dossiers import services

    services.attach_result(
        dossier=dossier,
        by=by,
        upload=pdf("ket-qua.pdf"),
        number=number,
        # Before every instant the suite runs at (make test-dates included): a result may
        # not be dated after today.
        issued_on=ISSUED_ON,
    )
    return dossier
