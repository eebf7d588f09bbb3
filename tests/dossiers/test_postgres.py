"""What only the database can guarantee, on PostgreSQL: races, codes, the history trigger."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from dossiers import services
from dossiers.exceptions import DossierChanged, DossierConflict
from dossiers.models import Dossier, DossierDocument, DossierEvent, State
from tests.dossiers.conftest import PDF_BYTES, pdf

# serialized_rollback: the flush between tests would otherwise drop the role groups that
# the migrations created.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 16


def race(pk, service, user, barrier, **kwargs) -> str:
    """One officer's press of the button, on their own connection."""
    try:
        dossier = Dossier.objects.get(pk=pk)
        barrier.wait(timeout=30)  # everyone has read the dossier before anyone acts
        try:
            service(dossier=dossier, by=user, **kwargs)
        except DossierChanged:
            return "changed"
        except DossierConflict:
            return "conflict"
        return "won"
    finally:
        connection.close()


def race_all(pks, service, user, **kwargs) -> list[Counter]:
    results = []
    with ThreadPoolExecutor(THREADS) as pool:
        for pk in pks:
            barrier = threading.Barrier(THREADS)
            futures = [
                pool.submit(race, pk, service, user, barrier, **kwargs) for _ in range(THREADS)
            ]
            results.append(Counter(future.result() for future in futures))
    return results


def test_sixteen_officers_accepting_fifty_dossiers_at_once_make_one_winner_each(
    make_dossier, desk_officer
):
    pks = [make_dossier("submitted").pk for _ in range(50)]
    results = race_all(pks, services.accept_dossier, desk_officer)
    assert all(result == Counter(won=1, changed=THREADS - 1) for result in results), results
    for dossier in Dossier.objects.filter(pk__in=pks):
        assert dossier.state == State.RECEIVED and dossier.revision == 1
        assert dossier.events.filter(kind="accept").count() == 1


def test_a_double_forward_keeps_one_event_although_the_state_stays_the_same(
    make_dossier, specialist
):
    pks = [make_dossier("processing").pk for _ in range(5)]
    results = race_all(pks, services.forward_dossier, specialist, specialist=specialist)
    assert all(result == Counter(won=1, changed=THREADS - 1) for result in results), results
    assert DossierEvent.objects.filter(kind="forward").count() == 5


def test_two_hundred_concurrent_submissions_get_two_hundred_consecutive_codes(
    make_dossier, citizen, agency
):
    drafts = [make_dossier("draft") for _ in range(200)]
    DossierDocument.objects.bulk_create(
        DossierDocument(
            dossier=draft,
            item=item,
            item_name="x",
            file=f"dossiers/{draft.pk}/{item}.pdf",
            original_name="x.pdf",
            size=len(PDF_BYTES),
            content_type="application/pdf",
            sha256="0" * 64,
            uploaded_by=citizen,
            uploaded_at=draft.created_at,
        )
        for draft in drafts
        for item in (1, 2)
    )
    barrier = threading.Barrier(THREADS)

    def submit(chunk):
        try:
            barrier.wait(timeout=30)
            for pk in chunk:
                services.submit_dossier(dossier=Dossier.objects.get(pk=pk), by=citizen)
        finally:
            connection.close()

    chunks = [[d.pk for d in drafts[n::THREADS]] for n in range(THREADS)]
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(submit, chunks))
    codes = list(
        Dossier.objects.filter(pk__in=[d.pk for d in drafts]).values_list("code", flat=True)
    )
    prefixes = {code.rsplit("-", 1)[0] for code in codes}
    assert len(prefixes) == 1 and prefixes.pop().startswith(agency.code)
    assert sorted(int(code.rsplit("-", 1)[1]) for code in codes) == list(range(1, 201))


class RolledBack(Exception):
    """Raised inside a receipt's transaction to undo it after its code was drawn."""


def test_concurrent_receipts_at_two_desks_share_the_handling_agency_day_without_gaps(
    procedure, agency, other_agency, desk_officer, desk_officer_other_agency
):
    """Another agency's desk receiving for `agency` numbers in `agency`'s sequence (Decree
    118/2025 Điều 28), and receipts rolled back after drawing a number give it back.
    """
    procedure.agencies.add(other_agency)
    services.current_version(procedure)  # frozen before the race, as any used procedure is
    barrier = threading.Barrier(THREADS)

    def receive(thread: int) -> list[str]:
        desk = desk_officer if thread % 2 else desk_officer_other_agency
        codes = []
        try:
            barrier.wait(timeout=30)
            for turn in range(6):
                try:
                    with transaction.atomic():
                        dossier = services.counter_intake(
                            by=desk,
                            procedure=procedure,
                            handling_agency=agency,
                            applicant=services.Applicant(
                                name="Lê Văn Quầy", id_number="001099000123"
                            ),
                            documents=[services.DocumentUpload(upload=pdf(), item=1)],
                            paper_items=[2],
                        )
                        if turn % 3 == 2:  # one receipt in three fails after its number
                            raise RolledBack
                    codes.append(dossier.code)
                except RolledBack:
                    pass
            return codes
        finally:
            connection.close()

    with ThreadPoolExecutor(THREADS) as pool:
        codes = [code for chunk in pool.map(receive, range(THREADS)) for code in chunk]
    assert len(codes) == THREADS * 4
    assert {code.rsplit("-", 1)[0].rsplit("-", 1)[0] for code in codes} == {agency.code}
    assert sorted(int(code.rsplit("-", 1)[1]) for code in codes) == list(range(1, len(codes) + 1))
    assert Dossier.objects.filter(receiving_agency=other_agency).count() == THREADS // 2 * 4


def test_the_history_refuses_updates_and_deletes(make_dossier, desk_officer):
    dossier = make_dossier("submitted")
    services.accept_dossier(dossier=dossier, by=desk_officer)
    event = dossier.events.get()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        DossierEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM dossiers_dossierevent WHERE id = %s", [event.pk])
    assert DossierEvent.objects.get(pk=event.pk).reason == ""


def test_the_history_refuses_truncate_alone_or_by_cascade(make_dossier, desk_officer):
    dossier = make_dossier("submitted")
    services.accept_dossier(dossier=dossier, by=desk_officer)
    for statement in (
        "TRUNCATE dossiers_dossierevent CASCADE",
        "TRUNCATE dossiers_dossier CASCADE",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only: TRUNCATE"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert DossierEvent.objects.filter(dossier=dossier).count() == 1
    assert Dossier.objects.filter(pk=dossier.pk).exists()
    # The module is transactional: the flush that empties the tables after this test
    # (a TRUNCATE) would be an error of its teardown if the suite did not allow it.


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"state": "archived"}, "dossier_valid_state"),
        ({"code": None}, "dossier_code_once_submitted"),
        ({"extended_due_at": "2030-01-01T10:00:00+07:00"}, "dossier_extension_complete"),
        ({"result": "granted"}, "dossier_result_when_resolved"),
    ],
)
def test_the_database_guards_the_dossier_invariants(make_dossier, change, constraint):
    dossier = make_dossier("received")
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(**change)


def test_dossier_codes_are_unique_in_the_database(make_dossier):
    first, second = make_dossier("received"), make_dossier("received")
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=second.pk).update(code=first.code)
