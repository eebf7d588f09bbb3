"""seed_dossiers: realistic dossiers over the demo province, consistent with the workflow."""

import re
from collections import Counter

import pytest
from django.core.management import call_command

from dossiers.models import Dossier, DossierCodeSequence, DossierEvent, State
from onestop.demo import seeding as demo
from procedures.models import Agency, OnlineMode
from tests.factories import ProcedureFactory

CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.H38-\d{6}-\d{4}$")


@pytest.fixture
def province(db):
    demo.seed_agencies()
    demo.seed_accounts(password="onestop-test")
    desks = list(Agency.objects.filter(has_one_stop_desk=True))
    for index in range(6):
        mode = OnlineMode.OFFLINE if index == 0 else OnlineMode.FULL
        procedure = ProcedureFactory(online_mode=mode)
        procedure.agencies.add(*desks[index % 3 :: 3])


def check_seeded(count: int) -> None:
    dossiers = Dossier.objects.all()
    assert dossiers.count() == count
    states = Counter(dossiers.values_list("state", flat=True))
    assert len(states) >= 8 and states[State.RETURNED] > count / 3
    codes = [code for code in dossiers.values_list("code", flat=True) if code]
    assert len(codes) == len(set(codes)) == count - states[State.DRAFT]
    assert all(CODE.match(code) for code in codes)
    assert not dossiers.exclude(state=State.DRAFT).filter(code=None).exists()
    assert not dossiers.filter(state__in=["received", "processing"], due_at=None).exists()
    assert not dossiers.filter(state=State.SUBMITTED, intake_due_at=None).exists()
    last_events = {}
    for dossier_id, to_state in DossierEvent.objects.order_by("at", "id").values_list(
        "dossier_id", "to_state"
    ):
        last_events[dossier_id] = to_state
    assert all(last_events[d.pk] == d.state for d in dossiers)


def test_seeding_generates_dossiers_in_every_walk_of_life(province):
    call_command("seed_dossiers", count=400, seed=7, force=True)
    check_seeded(400)
    assert Dossier.objects.filter(state=State.RETURNED).exclude(returned_at=None).exists()
    assert Dossier.objects.exclude(search_text="").count() == 400


def test_seeding_again_continues_the_daily_numbering(province):
    call_command("seed_dossiers", count=150, seed=1, force=True)
    call_command("seed_dossiers", count=150, seed=1, force=True)
    check_seeded(300)
    numbered = sum(DossierCodeSequence.objects.values_list("last", flat=True))
    assert numbered == Dossier.objects.exclude(state=State.DRAFT).count()


@pytest.mark.postgres
def test_seeding_with_copy_on_postgresql(province):
    call_command("seed_dossiers", count=600, seed=3, force=True)
    check_seeded(600)
