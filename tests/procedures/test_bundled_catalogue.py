"""The committed catalogue file and the curated list it was built with.

The file is what ``build_catalogue`` wrote from the portal records; these tests hold it to
the exchange format's rules and to ``export_procedures``, byte for byte.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from procedures.exchange import dump_json, export_catalogue, import_catalogue, read_catalogue
from procedures.models import Channel, DocumentForm, Level, OnlineMode, SupplementPolicy, TimeUnit

DATA = Path(__file__).resolve().parents[2] / "procedures" / "data"
CATALOGUE = DATA / "catalogue.json"


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Any]:
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def procedures(catalogue: dict[str, Any]) -> list[dict[str, Any]]:
    return catalogue["procedures"]


def values(choices: type[Any]) -> set[str]:
    return {value for value, _ in choices.choices}


def test_catalogue_declares_its_format(catalogue: dict[str, Any]) -> None:
    assert catalogue["format"] == "onestop-catalogue"
    assert catalogue["format_version"] == 1


def test_catalogue_codes_are_unique_well_formed_and_sorted(procedures: list[dict]) -> None:
    codes = [p["code"] for p in procedures]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)
    assert all(re.fullmatch(r"\d\.\d{6}", code) for code in codes)


def test_catalogue_uses_only_valid_choices(procedures: list[dict]) -> None:
    for p in procedures:
        assert p["levels"] and set(p["levels"]) <= values(Level)
        assert len(p["levels"]) == len(set(p["levels"]))
        assert p["online_mode"] in values(OnlineMode)
        assert p["supplement_policy"] in values(SupplementPolicy)
        channels = [t["channel"] for t in p["processing_times"]]
        assert len(channels) == len(set(channels)) and set(channels) <= values(Channel)
        assert {t["unit"] for t in p["processing_times"]} <= values(TimeUnit)
        assert all(t["amount"] >= 0 for t in p["processing_times"])
        assert {f["channel"] for f in p["fees"]} <= values(Channel)
        assert {d["form"] for d in p["documents"]} <= values(DocumentForm)
        assert {s["duration_unit"] for s in p["steps"]} <= values(TimeUnit) | {""}


def test_catalogue_respects_length_limits(procedures: list[dict]) -> None:
    for p in procedures:
        assert 0 < len(p["name"]) <= 500
        assert len(p["decision_number"]) <= 100
        assert re.fullmatch(r"[a-z0-9-]+", p["field"]["code"]) and len(p["field"]["code"]) <= 80
        assert 0 < len(p["field"]["name"]) <= 255
        assert all(len(b["number"]) <= 100 and b["title"] for b in p["legal_bases"])
        assert all(len(d["template_name"]) <= 255 and d["name"] for d in p["documents"])
        assert all(0 < len(f["name"]) <= 500 for f in p["fees"])
        assert all(len(s["agency_role"]) <= 255 and s["description"] for s in p["steps"])


def test_catalogue_fee_amounts_are_whole_dong_or_null(procedures: list[dict]) -> None:
    amounts = [f["amount_vnd"] for p in procedures for f in p["fees"]]
    assert all(a is None or (type(a) is int and a >= 1000) for a in amounts)


def test_catalogue_field_names_map_to_one_code(procedures: list[dict]) -> None:
    codes: dict[str, set[str]] = {}
    for p in procedures:
        codes.setdefault(p["field"]["code"], set()).add(p["field"]["name"])
    assert all(len(names) == 1 for names in codes.values())


def test_catalogue_has_at_least_forty_frequent_procedures(procedures: list[dict]) -> None:
    assert sum(p["is_frequent"] for p in procedures) >= 40


def test_catalogue_has_birth_registration_with_its_legal_basis(procedures: list[dict]) -> None:
    birth = next(p for p in procedures if p["code"] == "1.001193")
    assert birth["name"] == "Đăng ký khai sinh"
    assert birth["is_frequent"] is True
    assert birth["online_mode"] == "full"
    assert "123/2015/NĐ-CP" in {b["number"] for b in birth["legal_bases"]}


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return json.loads((DATA / "frequent.json").read_text(encoding="utf-8"))["procedures"]


def test_frequent_list_names_procedures_the_catalogue_flags(
    procedures: list[dict], entries: list[dict]
) -> None:
    by_code = {p["code"]: p for p in procedures}
    assert len(entries) == len({e["code"] for e in entries}) >= 40
    for entry in entries:
        procedure = by_code[entry["code"]]
        assert procedure["is_frequent"] is True
        assert procedure["name"] == entry["name"]
        for key in ("online_mode", "on_the_spot"):
            if key in entry:
                assert procedure[key] == entry[key]
        if procedure["online_mode"] == "full":
            assert any(t["channel"] == "online" for t in procedure["processing_times"])


# --- Times fixed by law ------------------------------------------------------------------


def test_law_times_are_in_the_catalogue_with_their_citation(
    procedures: list[dict], entries: list[dict]
) -> None:
    by_code = {p["code"]: p for p in procedures}
    overridden = [entry for entry in entries if "processing_times" in entry]
    assert overridden
    for entry in overridden:
        expected = [
            {**row, "note": f"Căn cứ: {entry['source']}."}
            for row in sorted(entry["processing_times"], key=lambda row: row["channel"])
        ]
        assert by_code[entry["code"]]["processing_times"] == expected


def test_same_day_law_times_are_handled_on_the_spot(entries: list[dict]) -> None:
    for entry in entries:
        units = {row["unit"] for row in entry.get("processing_times", [])}
        if units:
            assert entry.get("on_the_spot", False) is (units == {"same_day"}), entry["code"]


@pytest.mark.parametrize(
    ("code", "unit", "amount"),
    [
        ("2.000815", "same_day", 0),  # bản sao từ bản chính, Decree 23 art. 7(1)
        ("2.000884", "same_day", 0),  # chữ ký, art. 7(1)
        ("2.001035", "working_days", 2),  # hợp đồng, giao dịch, art. 7(2)
    ],
)
def test_certification_at_commune_desks_is_in_the_catalogue(
    procedures: list[dict], code: str, unit: str, amount: int
) -> None:
    procedure = next(p for p in procedures if p["code"] == code)
    assert procedure["field"]["name"] == "Chứng thực"
    assert "commune" in procedure["levels"]
    assert {(t["unit"], t["amount"]) for t in procedure["processing_times"]} == {(unit, amount)}
    assert all("Nghị định 23/2015/NĐ-CP" in t["note"] for t in procedure["processing_times"])
    assert procedure["fees"] and procedure["is_frequent"] is True


# --- Round trip --------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_then_export_gives_the_file_byte_for_byte() -> None:
    # The real catalogue, not a sample: every text, number and list order must survive.
    import_catalogue(read_catalogue(CATALOGUE))
    assert dump_json(export_catalogue()).encode("utf-8") == CATALOGUE.read_bytes()
