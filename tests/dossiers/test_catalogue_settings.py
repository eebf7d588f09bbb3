"""Per-procedure settings set through the catalogue exchange format reach the dossiers:
the supplement period (Decree 118/2025 Điều 19(5), "trừ trường hợp pháp luật chuyên ngành
có quy định khác") and the inter-agency group whose codes name the receiving desk (Điều 28).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from dossiers import services
from dossiers.exceptions import TransitionNotAllowed
from dossiers.models import Dossier, State
from procedures.exchange import import_catalogue
from procedures.models import Procedure
from tests.dossiers.conftest import pdf

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def imported(*agencies, **settings) -> Procedure:
    """A procedure of two checklist rows, written by an import with `settings`."""
    import_catalogue(
        [
            {
                "code": "1.009999",
                "name": "Thủ tục chuyên ngành thử nghiệm",
                "field": {"code": "thu-nghiem", "name": "Thử nghiệm"},
                "levels": ["province"],
                "agencies": [agency.code for agency in agencies],
                "processing_times": [
                    {"channel": "counter", "amount": 5, "unit": "working_days"},
                ],
                "documents": [{"name": "Tờ khai"}, {"name": "Giấy phép cũ"}],
                **settings,
            }
        ]
    )
    return Procedure.objects.get(code="1.009999")


def receive(desk, procedure, handling_agency=None) -> Dossier:
    return services.counter_intake(
        by=desk,
        procedure=procedure,
        handling_agency=handling_agency,
        applicant=services.Applicant(name="Lê Văn Quầy", id_number="001099000123"),
        documents=[services.DocumentUpload(upload=pdf(), item=1)],
        paper_items=[2],
    )


def test_an_imported_supplement_period_of_20_days_governs_closing(
    frozen_clock, agency, desk_officer
):
    procedure = imported(agency, supplement_period_days=20)
    dossier = receive(desk_officer, procedure)  # Wednesday 11 March 2026, 09:30
    assert dossier.procedure_version.content["supplement_period_days"] == 20
    services.request_supplement(dossier=dossier, by=desk_officer, items=[2], reason="Hết hạn")
    # 20 calendar days from 11 March end with 31 March (a Tuesday).
    assert dossier.supplement_due_at.astimezone(VN).date().isoformat() == "2026-03-31"

    # Day 16, when the decree's 15 days would already have passed: still open.
    frozen_clock.move_to(datetime(2026, 3, 27, 8, 0, tzinfo=VN))
    with pytest.raises(TransitionNotAllowed):
        services.close_unsupplemented(dossier=dossier, by=desk_officer)
    frozen_clock.move_to(datetime(2026, 3, 31, 16, 0, tzinfo=VN))  # day 20
    with pytest.raises(TransitionNotAllowed):
        services.close_unsupplemented(dossier=dossier, by=desk_officer)

    frozen_clock.move_to(datetime(2026, 4, 1, 8, 0, tzinfo=VN))
    services.close_unsupplemented(dossier=dossier, by=desk_officer)
    dossier.refresh_from_db()
    assert dossier.state == State.STOPPED


def test_without_the_key_a_dossier_keeps_the_decrees_15_days(frozen_clock, agency, desk_officer):
    dossier = receive(desk_officer, imported(agency))
    services.request_supplement(dossier=dossier, by=desk_officer, items=[2], reason="Hết hạn")
    assert dossier.supplement_due_at.astimezone(VN).date().isoformat() == "2026-03-26"


def test_an_inter_agency_procedure_set_by_import_codes_with_the_receiving_desk(
    frozen_clock, agency, other_agency, desk_officer
):
    separate = receive(desk_officer, imported(agency, other_agency), handling_agency=other_agency)
    assert separate.code == f"{other_agency.code}-260311-0001"

    linked = imported(agency, other_agency, is_inter_agency=True)
    assert linked.is_inter_agency is True
    dossier = receive(desk_officer, linked, handling_agency=other_agency)
    assert dossier.code == f"{agency.code}-260311-0001"
    assert dossier.handling_agency == other_agency
    assert dossier.procedure_version.content["is_inter_agency"] is True
