"""The path of one generated dossier through the state machine, event by event.

A final state is drawn according to the dossier's age (old dossiers are mostly returned,
recent ones still open), then the transitions that lead there are replayed with plausible
delays, so that every field (received, due, extended, finished, returned) and every event
agrees with what the services would have written.
"""

from __future__ import annotations

import itertools
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from dossiers import deadlines
from dossiers.models import Dossier, Result, State
from dossiers.models.history import APPLICANT_REASON_KINDS
from dossiers.seeding_people import Person, random_person
from onestop import calendar
from procedures.models import Channel, ProcedureVersion, TimeUnit

# Final states by age: (days at most, [(state, weight), …]); the last band has no limit.
BANDS: list[tuple[int | None, list[tuple[str, float]]]] = [
    (2, [("draft", 8), ("submitted", 40), ("received", 32), ("processing", 20)]),
    (
        45,
        [
            ("submitted", 4),
            ("not_accepted", 2),
            ("received", 8),
            ("processing", 34),
            ("supplement_requested", 8),
            ("awaiting_payment", 4),
            ("resolved", 14),
            ("returned", 21),
            ("withdrawn", 3),
            ("stopped", 2),
        ],
    ),
    (
        None,
        [
            ("draft", 0.5),
            ("submitted", 0.5),
            ("not_accepted", 4),
            ("processing", 3),
            ("supplement_requested", 1.5),
            ("resolved", 3),
            ("returned", 82.5),
            ("withdrawn", 3.5),
            ("stopped", 1.5),
        ],
    ),
]
ONLINE_ONLY = {"draft", "submitted", "not_accepted"}
SUPPLEMENT_ITEMS = [
    "Bản sao CCCD còn hiệu lực",
    "Tờ khai có chữ ký",
    "Ảnh 4x6",
    "Bản vẽ hiện trạng",
]
REFUSALS = ["Thủ tục không thuộc thẩm quyền của cơ quan", "Hồ sơ không đúng mẫu quy định"]


@dataclass(frozen=True)
class Offer:
    """A procedure as one agency receives it: what seeding needs, loaded once."""

    procedure_id: int
    version_id: int
    version: ProcedureVersion
    agency_id: int
    agency_code: str
    online: bool


@dataclass
class Plan:
    """One dossier to insert, as column values, with the events of its path."""

    dossier: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Generator:
    """Draws one plausible dossier, with the events of its path, at a given moment."""

    rng: random.Random
    offers: list[Offer]
    citizens: list[Person]
    officers: dict[tuple[int, str], tuple[int, str]]

    def plan(self, created: datetime, now: datetime) -> Plan:
        return build(self, created, now)


def build(generator: Generator, created: datetime, now: datetime) -> Plan:
    rng = generator.rng
    offer = rng.choice(generator.offers)
    channel = _channel(rng, offer)
    final = _final_state(rng, (now - created).days, channel)
    person = rng.choice(generator.citizens) if channel == Channel.ONLINE else _walk_in(generator)
    walk = Walk(generator, offer, channel, person, created, now)
    walk.run(final)
    return Plan(walk.fields, walk.events)


def _channel(rng: random.Random, offer: Offer) -> str:
    if offer.online and rng.random() < 0.6:
        return Channel.ONLINE
    return Channel.POSTAL if rng.random() < 0.08 else Channel.COUNTER


def _cumulative(weights: list[tuple[str, float]]) -> tuple[list[str], list[float]]:
    states, values = zip(*weights, strict=True)
    return list(states), list(itertools.accumulate(values))


CUMULATIVE = [(limit, _cumulative(weights)) for limit, weights in BANDS]
# A dossier is new in its fields' eyes: the model's defaults, before any transition.
DEFAULTS = {f.attname: f.get_default() for f in Dossier._meta.concrete_fields if f.attname != "id"}


def _final_state(rng: random.Random, age_days: int, channel: str) -> str:
    for limit, (states, totals) in CUMULATIVE:
        if limit is None or age_days <= limit:
            state = rng.choices(states, cum_weights=totals)[0]
            if channel != Channel.ONLINE and state in ONLINE_ONLY:
                return "received" if state != "not_accepted" else "withdrawn"
            return state
    raise AssertionError("the last band has no limit")


def _walk_in(generator: Generator) -> Person:
    if generator.rng.random() < 0.25:
        return generator.rng.choice(generator.citizens)
    return random_person(generator.rng)


class Walk:
    """Replays transitions on one new dossier, keeping a clock that never passes `now`."""

    def __init__(
        self,
        generator: Generator,
        offer: Offer,
        channel: str,
        person: Person,
        created: datetime,
        now: datetime,
    ) -> None:
        self.rng, self.offer, self.now, self.at = generator.rng, offer, now, created
        self.officers = generator.officers
        self.person = person
        self.events: list[dict[str, Any]] = []
        self.fields = self._new_dossier(channel, person, created)
        self.amount, self.unit = deadlines.time_limit(offer.version, channel)

    def _new_dossier(self, channel: str, person: Person, created: datetime) -> dict[str, Any]:
        return {
            **DEFAULTS,
            "id": uuid.uuid4(),
            "procedure_id": self.offer.procedure_id,
            "procedure_version_id": self.offer.version_id,
            "receiving_agency_id": self.offer.agency_id,
            "handling_agency_id": self.offer.agency_id,
            "channel": channel,
            "applicant_kind": person.kind,
            "applicant_name": person.name,
            "applicant_id_number": person.id_number,
            "applicant_birth_date": person.birth_date,
            "applicant_phone": person.phone,
            "applicant_email": person.email,
            "applicant_address": person.address,
            "applicant_user_id": person.user_id,
            "created_at": created,
            "updated_at": self.now,
            "supplement_items": [],
            "supplement_waits": [],
            "state": State.DRAFT,
        }

    def run(self, final: str) -> None:
        self._intake(final)
        for step in STEPS[final]:
            step(self)
        self.fields["revision"] = sum(
            event["kind"] not in ("create", "counter_intake") for event in self.events
        )

    # --- helpers ---------------------------------------------------------------------------

    def later(self, low: timedelta, high: timedelta) -> datetime:
        step = low + (high - low) * self.rng.random()
        self.at = max(self.at, min(self.at + step, self.now - timedelta(minutes=1)))
        return self.at

    def event(self, kind: str, to_state: str, duty: str | None, **extra: Any) -> None:
        actor_id, actor_name, agency_id = self._actor(duty)
        before = self.fields["state"]
        self.fields["state"] = to_state
        if self.fields.get("due_at") and to_state in ("received", "processing", "awaiting_payment"):
            extra.setdefault("details", {})["due_at"] = self.fields["due_at"].isoformat()
        self.events.append(
            {
                "dossier_id": self.fields["id"],
                "kind": kind,
                "from_state": before if kind not in ("create", "counter_intake") else "",
                "to_state": to_state,
                "actor_id": actor_id,
                "actor_name": actor_name,
                "agency_id": agency_id,
                "at": self.at,
                "reason": extra.get("reason", ""),
                # Seeded reasons are all of the kinds the applicant must be given.
                "shared_with_applicant": bool(extra.get("reason"))
                and kind in APPLICANT_REASON_KINDS,
                "details": extra.get("details", {}),
            }
        )

    def _actor(self, duty: str | None) -> tuple[int | None, str, int | None]:
        if duty is None:
            return self.person.user_id, self.person.name, None
        agency = self.fields.get("handling_agency_id", self.offer.agency_id)
        if duty == "receive":
            agency = self.offer.agency_id
        user_id, name = self.officers.get((agency, duty), (None, ""))
        return user_id, name, agency

    def start_clock(self) -> None:
        self.fields["received_at"] = self.at
        due = calendar.due_at(self.at, self.amount, self.unit)
        self.fields["due_at"] = self.fields["original_due_at"] = due

    # --- intake ----------------------------------------------------------------------------

    def _intake(self, final: str) -> None:
        if self.fields["channel"] != Channel.ONLINE:
            self.fields["submitted_at"] = self.at
            self.start_clock()
            self.event("counter_intake", State.RECEIVED, "receive")
            return
        self.event("create", State.DRAFT, None)
        if final != "draft":
            self.fields["submitted_at"] = self.later(timedelta(minutes=5), timedelta(days=2))
            self.fields["intake_due_at"] = deadlines.intake_due(self.fields["submitted_at"])
            self.event("submit", State.SUBMITTED, None)

    def accept(self) -> None:
        if self.fields["state"] != State.SUBMITTED:
            return  # taken in at the counter
        self.later(timedelta(hours=1), timedelta(days=1, hours=8))
        self.start_clock()
        self.event("accept", State.RECEIVED, "receive")

    def refuse(self) -> None:
        self.later(timedelta(hours=1), timedelta(days=2))
        reason = self.rng.choice(REFUSALS)
        self.fields.update(finished_at=self.at, closing_reason=reason)
        self.event("refuse", State.NOT_ACCEPTED, "receive", reason=reason)

    def start(self) -> None:
        self.later(timedelta(minutes=10), timedelta(hours=20))
        specialist = self.officers.get((self.offer.agency_id, "process"))
        self.fields["assigned_specialist_id"] = specialist[0] if specialist else None
        self.event("start_processing", State.PROCESSING, "receive")

    def ask_supplement(self) -> None:
        self.later(timedelta(hours=2), timedelta(days=3))
        # Checklist rows by position, and a line of text for what the checklist lacks.
        size = len(self.offer.version.content.get("documents", []))
        rows = sorted(self.rng.sample(range(1, size + 1), min(size, self.rng.randint(1, 2))))
        names = [str(self.offer.version.content["documents"][row - 1]["name"]) for row in rows]
        instructions = self.rng.choice(SUPPLEMENT_ITEMS)
        self.fields.update(
            supplement_from_state=State.PROCESSING,
            supplement_requested_at=self.at,
            supplement_items=rows,
            supplement_instructions=instructions,
            supplement_due_at=calendar.due_at(self.at, 15, TimeUnit.CALENDAR_DAYS),
            supplement_round=self.fields.get("supplement_round", 0) + 1,
        )
        self.event(
            "request_supplement",
            State.SUPPLEMENT_REQUESTED,
            "receive",
            reason="Hồ sơ chưa đầy đủ",
            details={"items": names, "rows": rows, "instructions": instructions},
        )

    def supplement_round(self) -> None:
        if self.rng.random() >= 0.15:
            return
        self.ask_supplement()
        requested = self.at
        self.later(timedelta(days=1), timedelta(days=10))
        waits = [
            *self.fields.get("supplement_waits", []),
            [requested.isoformat(), self.at.isoformat()],
        ]
        due = calendar.due_after_supplements(
            self.offer.version.content.get("supplement_policy", "restart"),
            received_at=self.fields["received_at"],
            amount=self.amount,
            unit=self.unit,
            waits=[(datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in waits],
        )
        self.fields.update(
            supplement_waits=waits,
            supplement_from_state="",
            supplement_requested_at=None,
            supplement_due_at=None,
            due_at=due,
            original_due_at=due,
        )
        self.event("resubmit", State.PROCESSING, None)

    def maybe_extend(self) -> None:
        received, due = self.fields["received_at"], self.fields["due_at"]
        if self.rng.random() >= 0.04 or due - received < timedelta(days=3):
            return
        self.at = max(self.at, received + (due - received) / 2)
        new_due = due + (due - received) / 2
        self.fields.update(extended_at=self.at, extended_due_at=new_due, due_at=new_due)
        self.event(
            "extend",
            State.PROCESSING,
            "decide",
            reason="Cần thêm thời gian xác minh",
            details={"previous_due_at": due.isoformat()},
        )

    def maybe_payment(self) -> None:
        if self.rng.random() < 0.1:
            self.request_payment()
            self.later(timedelta(hours=2), timedelta(days=3))
            self.fields["paid_at"] = self.at
            self.event("confirm_payment", State.PROCESSING, "receive")

    def request_payment(self) -> None:
        self.later(timedelta(hours=2), timedelta(days=2))
        amount = self.rng.choice([50_000, 100_000, 200_000, 500_000])
        self.fields["payment_amount_vnd"] = amount
        self.event(
            "request_payment", State.AWAITING_PAYMENT, "process", details={"amount_vnd": amount}
        )

    def decide(self) -> None:
        received, due = self.fields["received_at"], self.fields["due_at"]
        share = (
            self.rng.uniform(0.2, 0.98) if self.rng.random() < 0.9 else self.rng.uniform(1.02, 1.8)
        )
        target = received + (due - received) * share
        self.at = max(self.at + timedelta(minutes=10), min(target, self.now - timedelta(minutes=1)))
        granted = self.rng.random() < 0.95
        reason = "" if granted else "Không đủ điều kiện theo quy định"
        self.fields.update(
            result=Result.GRANTED if granted else Result.REFUSED,
            result_reason=reason,
            finished_at=self.at,
        )
        self.event("approve" if granted else "reject", State.RESOLVED, "decide", reason=reason)

    def return_result(self) -> None:
        self.later(timedelta(hours=1), timedelta(days=4))
        self.fields["returned_at"] = self.at
        self.event("return_result", State.RETURNED, "receive")

    def withdraw(self) -> None:
        self.later(timedelta(hours=4), timedelta(days=5))
        self.fields.update(finished_at=self.at, closing_reason="Theo đề nghị của người nộp")
        self.event("withdraw", State.WITHDRAWN, None, reason="Theo đề nghị của người nộp")

    def stop(self) -> None:
        self.later(timedelta(days=1), timedelta(days=8))
        reason = "Người nộp không bổ sung hồ sơ theo yêu cầu"
        self.fields.update(finished_at=self.at, closing_reason=reason)
        self.event("stop", State.STOPPED, "decide", reason=reason)


PROCESSED = [Walk.accept, Walk.start, Walk.supplement_round, Walk.maybe_extend, Walk.maybe_payment]
STEPS: dict[str, list[Any]] = {
    "draft": [],
    "submitted": [],
    "not_accepted": [Walk.refuse],
    "received": [Walk.accept],
    "processing": [Walk.accept, Walk.start],
    "supplement_requested": [Walk.accept, Walk.start, Walk.ask_supplement],
    "awaiting_payment": [Walk.accept, Walk.start, Walk.request_payment],
    "resolved": [*PROCESSED, Walk.decide],
    "returned": [*PROCESSED, Walk.decide, Walk.return_result],
    "withdrawn": [Walk.accept, Walk.withdraw],
    "stopped": [Walk.accept, Walk.start, Walk.ask_supplement, Walk.stop],
}
