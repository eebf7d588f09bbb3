"""Idempotent loading of the demo province, its accounts and the real catalogue."""

import json
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction

from dossiers.models import Dossier
from dossiers.seeding import seed_dossiers
from onestop.accounts.models import User
from onestop.accounts.roles import Role
from onestop.demo.province import (
    ACCOUNTS,
    AGENCIES,
    COMMUNE_CODES,
    COMMUNE_DEMO_PROCEDURES,
    department_for,
)
from procedures.exchange import import_catalogue
from procedures.models import Agency, Level, Procedure

CATALOGUE_FILE = Path(__file__).resolve().parents[2] / "procedures" / "data" / "catalogue.json"


@transaction.atomic
def seed_agencies() -> int:
    """Create or update the demo agency tree; returns how many agencies it holds."""
    for spec in AGENCIES:  # parents come before children in AGENCIES
        Agency.objects.update_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "short_name": spec.short_name,
                "level": spec.level,
                "has_one_stop_desk": spec.has_one_stop_desk,
                "parent": Agency.objects.get(code=spec.parent) if spec.parent else None,
            },
        )
    return len(AGENCIES)


@transaction.atomic
def seed_accounts(*, password: str) -> list[str]:
    """Create the demo accounts that are missing; returns the usernames created.

    Existing accounts keep their password, so re-running is quick and never locks anyone out.
    """
    agencies = {agency.code: agency for agency in Agency.objects.all()}
    groups = {group.name: group for group in Group.objects.all()}
    created_names = []
    for spec in ACCOUNTS:
        user, created = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "full_name": spec.full_name,
                "email": f"{spec.username}@demo.onestop.vn",
                "agency": agencies.get(spec.agency) if spec.agency else None,
                "citizen_id": spec.citizen_id,
                "is_staff": spec.role == Role.ADMINISTRATOR,
                "is_superuser": spec.role == Role.ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            created_names.append(user.username)
        user.groups.set([groups[spec.role]])
    return created_names


def seed_catalogue(
    *, path: Path = CATALOGUE_FILE, reload: bool = False, progress: Callable | None = None
) -> int:
    """Import the bundled real catalogue unless procedures are already there."""
    if Procedure.objects.exists() and not reload:
        return 0
    records = json.loads(path.read_text(encoding="utf-8"))["procedures"]
    import_catalogue(records, progress=progress)
    assign_local_agencies()
    return len(records)


@transaction.atomic
def assign_local_agencies() -> None:
    """Give each procedure the demo agencies that carry it out at its levels.

    The national records name no local agency, so province-level procedures go to the
    department of their field and commune-level ones to every commune.
    """
    agency_ids = dict(Agency.objects.values_list("code", "pk"))
    through = Procedure.agencies.through
    rows = []
    for procedure in Procedure.objects.select_related("field").prefetch_related("levels"):
        levels = {row.level for row in procedure.levels.all()}
        # Birth and marriage registration are at every commune whatever a later catalogue
        # says of their level: the demo's commune teams carry them from end to end.
        commune = Level.COMMUNE in levels or procedure.code in COMMUNE_DEMO_PROCEDURES
        codes = set(COMMUNE_CODES) if commune else set()
        if Level.PROVINCE in levels:
            codes.add(department_for(procedure.field.name))
        rows += [through(procedure_id=procedure.pk, agency_id=agency_ids[c]) for c in codes]
    through.objects.all().delete()
    through.objects.bulk_create(rows, batch_size=2000)


SAMPLE_DOSSIERS = 300


def seed_sample_dossiers(*, count: int = SAMPLE_DOSSIERS) -> int:
    """Give the officers' lists and queues something to show, once: `count` dossiers of the
    last year in every state (the same seed every time, so demos look alike)."""
    if Dossier.objects.exists():
        return 0
    return seed_dossiers(count, years=1, seed=2026)
