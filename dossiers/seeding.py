"""Generated dossiers for demonstrations and benchmarks, over the demo province.

Dossiers are spread over the last two years, in every state, each with the events of the
path that led there, codes numbered per agency and day in submission order and due dates
from the working-day calendar. Rows go in with bulk inserts, a chunk per transaction, so a
million dossiers take minutes (see docs/dossiers.md for measurements).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from dossiers import deadlines
from dossiers.models import Dossier, DossierCodeSequence, DossierEvent, State
from dossiers.models.codes import format_code
from dossiers.models.dossier import searchable_text
from dossiers.seeding_paths import Generator, Offer, Plan
from dossiers.seeding_people import citizen_pool, officers_by_agency
from procedures.models import Channel, OnlineMode, Procedure, ProcedureVersion
from procedures.services import record_versions

CHUNK = 5000
Progress = Callable[[int, int], None]


def load_offers() -> list[Offer]:
    """Every (published procedure, agency) pair of the catalogue that has a time limit."""
    procedures = list(Procedure.objects.published().prefetch_related("agencies"))
    versioned = set(ProcedureVersion.objects.values_list("procedure_id", flat=True))
    record_versions(procedures=[p for p in procedures if p.pk not in versioned])
    latest = {}
    for row in ProcedureVersion.objects.order_by("procedure_id", "number"):
        latest[row.procedure_id] = row
    offers = []
    for procedure in procedures:
        version = latest.get(procedure.pk)
        if version is None or not _has_time_limit(version):
            continue
        online = procedure.online_mode != OnlineMode.OFFLINE
        offers += [
            Offer(procedure.pk, version.pk, version, agency.pk, agency.code, online)
            for agency in procedure.agencies.all()
            if agency.has_one_stop_desk
        ]
    return offers


def _has_time_limit(version: ProcedureVersion) -> bool:
    try:
        deadlines.time_limit(version, Channel.ONLINE)
    except deadlines.NoTimeLimit:
        return False
    return True


def seed_dossiers(
    count: int, *, years: int = 2, seed: int | None = None, progress: Progress | None = None
) -> int:
    """Insert `count` dossiers received over the last `years` years; returns how many."""
    offers = load_offers()
    if not offers:
        raise ValueError("no published procedure with an agency and a time limit: seed_demo first")
    rng = random.Random(seed)
    citizens = citizen_pool(max(10, min(2000, count // 50)))
    people = Generator(rng, offers, citizens, officers_by_agency())
    end = timezone.now()
    start = end - timedelta(days=365 * years)
    agency_codes = {offer.agency_id: offer.agency_code for offer in offers}
    done = 0
    for moments in _chronological_chunks(rng, count, start, end):
        plans = [people.plan(moment, end) for moment in moments]
        _insert(plans, agency_codes)
        done += len(plans)
        if progress is not None:
            progress(done, count)
    return done


def _chronological_chunks(
    rng: random.Random, count: int, start: datetime, end: datetime
) -> Iterator[list[datetime]]:
    """`count` creation times between `start` and `end`, sorted, in chunks of CHUNK."""
    chunks = max(1, -(-count // CHUNK))
    span = (end - start) / chunks
    for index in range(chunks):
        size = CHUNK if index < chunks - 1 else count - CHUNK * (chunks - 1)
        begin = start + span * index
        yield sorted(begin + span * rng.random() for _ in range(size))


@transaction.atomic
def _insert(plans: list[Plan], agency_codes: dict[int, str]) -> None:
    dossiers = [plan.dossier for plan in plans]
    _assign_codes([row for row in dossiers if row["state"] != State.DRAFT], agency_codes)
    for row in dossiers:
        row["search_text"] = searchable_text(row["code"], row["applicant_name"])
    write_rows(Dossier, dossiers)
    write_rows(DossierEvent, [event for plan in plans for event in plan.events])


def _assign_codes(dossiers: list[dict[str, Any]], agency_codes: dict[int, str]) -> None:
    """Number the chunk's dossiers per agency and day, after any number already given."""
    groups: dict[tuple[int, Any], list[dict[str, Any]]] = {}
    for row in sorted(dossiers, key=lambda row: row["submitted_at"]):
        day = timezone.localdate(row["submitted_at"])
        groups.setdefault((row["receiving_agency_id"], day), []).append(row)
    last = _reserve([(agency, day, len(rows)) for (agency, day), rows in groups.items()])
    for (agency, day), rows in groups.items():
        first = last[(agency, day)] - len(rows) + 1
        for number, row in enumerate(rows, start=first):
            row["code"] = format_code(agency_codes[agency], day, number)


def write_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (column values by attname): COPY on PostgreSQL, else bulk_create.

    COPY skips the ORM's per-value preparation, which costs more than the insert itself at
    these volumes; the rows are built to match the columns exactly.
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create([model(**row) for row in rows], batch_size=2000)
        return
    columns = list(rows[0])
    json_columns = {
        f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)
    }
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        copy_sql = f"COPY {model._meta.db_table} ({names}) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(
                    [json.dumps(row[c]) if c in json_columns else row[c] for c in columns]
                )


def _reserve(wanted: list[tuple[int, Any, int]]) -> dict[tuple[int, Any], int]:
    """Take `n` numbers for each (agency, day) in one statement; returns the new last ones."""
    table = DossierCodeSequence._meta.db_table
    result = {}
    for start in range(0, len(wanted), 1000):
        batch = wanted[start : start + 1000]
        values = ", ".join(["(%s, %s, %s)"] * len(batch))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (agency_id, day, last) VALUES {values} "
                f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + excluded.last "
                "RETURNING agency_id, day, last",
                [value for row in batch for value in row],
            )
            for agency, day, last in cursor.fetchall():
                result[(agency, _as_date(day))] = last
    return result


def _as_date(value: Any) -> Any:
    # SQLite returns the day as text.
    return datetime.strptime(value, "%Y-%m-%d").date() if isinstance(value, str) else value
