import copy
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from procedures.exchange import (
    Catalogue,
    CatalogueInvalid,
    RowError,
    dump_json,
    export_catalogue,
    import_catalogue,
    procedure_to_dict,
    read_csv,
    read_json,
    write_csv,
)
from procedures.models import (
    Field,
    Level,
    OnlineMode,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
    TimeUnit,
)
from tests.factories import (
    FeeFactory,
    FieldFactory,
    LegalBasisFactory,
    ProcedureFactory,
    ProcedureStepFactory,
)


def record(code: str = "1.001193", **changes: object) -> dict:
    """A complete, valid record in the exchange format."""
    base = {
        "code": code,
        "name": f"Thủ tục thử {code}",
        "field": {"code": "ho-tich", "name": "Hộ tịch"},
        "levels": ["commune"],
        "agencies": [],
        "authority": "Ủy ban nhân dân cấp xã",
        "applicants": "Công dân Việt Nam",
        "conditions": "",
        "result": "Giấy khai sinh",
        "decision_number": "163/QĐ-BTP",
        "online_mode": "full",
        "supplement_policy": "restart",
        "supplement_period_days": None,
        "on_the_spot": True,
        "is_inter_agency": False,
        "is_frequent": True,
        "effective_from": None,
        "effective_to": None,
        "is_published": True,
        "processing_times": [
            {"channel": "counter", "amount": 1, "unit": "working_days", "note": ""},
            {"channel": "online", "amount": 0.5, "unit": "working_days", "note": ""},
        ],
        "fees": [{"channel": "online", "name": "Lệ phí", "amount_vnd": None, "exemption": "Miễn"}],
        "documents": [
            {
                "name": "Giấy chứng sinh",
                "form": "original",
                "quantity": 1,
                "is_mandatory": True,
                "template_name": "",
                "channels": [],
                "condition": None,
                "alternative_group": "",
                "template_url": "",
            }
        ],
        "steps": [
            {"description": "Nộp hồ sơ", "agency_role": "", "duration": None, "duration_unit": ""}
        ],
        "legal_bases": [{"number": "123/2015/NĐ-CP", "title": "Nghị định về hộ tịch"}],
    }
    return {**base, **changes}


def errors_of(records: list | Catalogue) -> list[RowError]:
    with pytest.raises(CatalogueInvalid) as caught:
        import_catalogue(records)
    return caught.value.errors


@pytest.fixture
def rich_catalogue(agency, other_agency) -> list[Procedure]:
    """Procedures using every part of the format, including text that is hard for CSV."""
    birth = ProcedureFactory(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=FieldFactory(code="ho-tich", name="Hộ tịch"),
        levels=[Level.PROVINCE, Level.COMMUNE],
        online_mode=OnlineMode.FULL,
        time_limit=(Decimal("0.5"), TimeUnit.WORKING_DAYS),
        checklist=["Tờ khai", "Giấy chứng sinh"],
        conditions='Dòng một,\ndòng hai có "ngoặc kép" và | gạch đứng',
        on_the_spot=True,
        effective_from=date(2025, 7, 1),
        effective_to=date(2030, 12, 31),
    )
    birth.agencies.add(agency, other_agency)
    FeeFactory(procedure=birth, amount_vnd=None, exemption="Miễn lệ phí")
    FeeFactory(procedure=birth, channel="", amount_vnd=8000)
    ProcedureStepFactory.create_batch(2, procedure=birth)
    LegalBasisFactory(procedure=birth)
    hidden = ProcedureFactory(code="2.000001", is_published=False, levels=[Level.MINISTRY])
    return [birth, hidden]


def test_procedure_dict_follows_the_format(rich_catalogue):
    content = procedure_to_dict(rich_catalogue[0])
    assert list(content) == list(record())
    assert content["field"] == {"code": "ho-tich", "name": "Hộ tịch"}
    assert content["levels"] == ["province", "commune"]
    assert content["agencies"] == ["000.00.11.H99", "000.00.12.H99"]
    assert content["effective_from"] == "2025-07-01"
    assert [row["channel"] for row in content["processing_times"]] == ["counter", "online"]
    assert content["processing_times"][0]["amount"] == 0.5
    assert content["fees"][1]["amount_vnd"] == 8000
    assert content["steps"][0]["duration"] == 0.5
    assert [row["name"] for row in content["documents"]] == ["Tờ khai", "Giấy chứng sinh"]


def test_whole_amounts_are_integers(db):
    procedure = ProcedureFactory(time_limit=(Decimal("15.0"), TimeUnit.CALENDAR_DAYS))
    amount = procedure_to_dict(procedure)["processing_times"][0]["amount"]
    assert amount == 15 and isinstance(amount, int)


def test_one_bad_row_among_good_ones_imports_nothing_and_names_row_and_field(db):
    bad = record("1.000002")
    bad["processing_times"][1]["unit"] = "weeks"
    errors = errors_of([record("1.000001"), bad, record("1.000003")])
    assert [(error.row, error.field) for error in errors] == [(2, "processing_times[1].unit")]
    assert str(errors[0]).startswith("Dòng 2, trường processing_times[1].unit: Đơn vị thời gian")
    assert "weeks" in errors[0].message
    assert not Procedure.objects.exists()
    assert not Field.objects.exists()


def test_errors_of_every_row_are_reported_together(db):
    records = [
        record("1.000001", online_mode="sometimes"),
        record("1.000002"),
        record("1.000003", on_the_spot="yes", name=""),
        "not an object",
    ]
    errors = errors_of(records)
    assert {(error.row, error.field) for error in errors} == {
        (1, "online_mode"),
        (3, "name"),
        (3, "on_the_spot"),
        (4, ""),
    }
    assert all(error.message for error in errors)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"code": "1001193"}, "code", "Mã thủ tục có dạng N.NNNNNN"),
        ({"name": "x" * 501}, "name", "Dài quá 500 ký tự"),
        ({"decision_number": "x" * 101}, "decision_number", "Dài quá 100 ký tự"),
        ({"field": {"code": "Hộ tịch", "name": "Hộ tịch"}}, "field.code", "chữ không dấu"),
        ({"field": {"code": "ho-tich"}}, "field.name", "Thiếu trường bắt buộc"),
        ({"levels": []}, "levels", "ít nhất một cấp"),
        ({"levels": ["commune", "commune"]}, "levels[1]", "có hơn một lần"),
        ({"levels": ["district"]}, "levels[0]", "Cấp thực hiện “district” không hợp lệ"),
        ({"agencies": "000.00.11.H99"}, "agencies", "Phải là một danh sách"),
        ({"is_published": 1}, "is_published", "Phải là true hoặc false"),
        ({"effective_from": "01/07/2025"}, "effective_from", "YYYY-MM-DD"),
        ({"supplement_policy": None}, "supplement_policy", "Không được để null"),
        ({"authority": 12}, "authority", "Phải là chuỗi ký tự"),
        ({"colour": "red"}, "colour", "Khóa “colour” không có trong định dạng"),
    ],
)
def test_each_field_is_checked(db, changes, field, message):
    errors = errors_of([record(**changes)])
    assert [error.field for error in errors] == [field]
    assert message in errors[0].message


@pytest.mark.parametrize(
    ("child", "value", "field", "message"),
    [
        ("processing_times", {"channel": "fax"}, "processing_times[0].channel", "Hình thức nộp"),
        ("processing_times", {"amount": -1}, "processing_times[0].amount", "lớn hơn hoặc bằng 0"),
        ("processing_times", {"amount": "5"}, "processing_times[0].amount", "Phải là một số"),
        ("processing_times", {"amount": 1.25}, "processing_times[0].amount", "1 chữ số sau"),
        ("fees", {"amount_vnd": 1.5}, "fees[0].amount_vnd", "Phải là số nguyên"),
        ("documents", {"form": "scan"}, "documents[0].form", "Loại bản “scan” không hợp lệ"),
        ("documents", {"quantity": None}, "documents[0].quantity", "null"),
        ("steps", {"description": ""}, "steps[0].description", "Không được để trống"),
        ("legal_bases", {"pages": 3}, "legal_bases[0].pages", "không có trong định dạng"),
        # When a row applies (docs/catalogue-format.md): each key is named when it is wrong.
        ("documents", {"channels": "online"}, "documents[0].channels", "Phải là một danh sách"),
        ("documents", {"channels": ["fax"]}, "documents[0].channels[0]", "“fax” không hợp lệ"),
        (
            "documents",
            {"channels": ["online", "online"]},
            "documents[0].channels[1]",
            "có hơn một lần",
        ),
        ("documents", {"condition": "uy-quyen"}, "documents[0].condition", "đối tượng JSON"),
        (
            "documents",
            {"condition": {"key": "Ủy quyền", "question": "?"}},
            "documents[0].condition.key",
            "chữ không dấu",
        ),
        (
            "documents",
            {"condition": {"key": "uy-quyen"}},
            "documents[0].condition.question",
            "Thiếu trường bắt buộc",
        ),
        (
            "documents",
            {"condition": {"key": "k", "question": "q", "answer": True}},
            "documents[0].condition.answer",
            "Khóa “answer” không có trong định dạng",
        ),
        ("documents", {"alternative_group": "nhóm 1"}, "documents[0].alternative_group", "chữ"),
        (
            "documents",
            {"template_url": "javascript:alert(1)"},
            "documents[0].template_url",
            "http:// hoặc https://",
        ),
        ("documents", {"template_url": 5}, "documents[0].template_url", "Phải là chuỗi ký tự"),
    ],
)
def test_each_field_of_child_rows_is_checked(db, child, value, field, message):
    bad = record()
    bad[child][0].update(value)
    errors = errors_of([bad])
    assert [error.field for error in errors] == [field]
    assert message in errors[0].message


def test_a_channel_has_at_most_one_time_limit(db):
    bad = record()
    bad["processing_times"][1]["channel"] = "counter"
    errors = errors_of([bad])
    assert [error.field for error in errors] == ["processing_times[1].channel"]


def test_effective_to_before_effective_from_is_rejected(db):
    errors = errors_of([record(effective_from="2026-01-01", effective_to="2025-12-31")])
    assert [error.field for error in errors] == ["effective_to"]


def test_duplicate_codes_are_rejected(db):
    errors = errors_of([record("1.000001"), record("1.000002"), record("1.000001")])
    assert [(error.row, error.field) for error in errors] == [(3, "code")]
    assert "trùng với dòng 1" in errors[0].message
    assert not Procedure.objects.exists()


def test_unknown_agency_is_rejected(agency):
    errors = errors_of([record(agencies=[agency.code, "000.00.99.H99"])])
    assert [(error.row, error.field) for error in errors] == [(1, "agencies[1]")]
    assert "000.00.99.H99" in errors[0].message


def test_one_field_code_cannot_carry_two_names_in_a_file(db):
    other = record("1.000002", field={"code": "ho-tich", "name": "Hộ tịch (khác)"})
    errors = errors_of([record("1.000001"), other])
    assert [(error.row, error.field) for error in errors] == [(2, "field.name")]


def test_field_name_of_another_field_is_rejected(db):
    FieldFactory(code="ho-tich", name="Hộ tịch")
    errors = errors_of([record(field={"code": "ho-tich-2", "name": "Hộ tịch"})])
    assert "ho-tich" in errors[0].message


def test_import_creates_missing_fields_links_agencies_and_records_first_versions(agency):
    summary = import_catalogue(
        [record("1.000001", agencies=[agency.code]), record("1.000002", is_published=False)]
    )
    assert (summary.created, summary.updated, summary.versions) == (2, 0, 1)
    assert Field.objects.get().name == "Hộ tịch"
    procedure = Procedure.objects.get(code="1.000001")
    assert list(procedure.agencies.all()) == [agency]
    assert procedure.version == 1
    assert procedure.versions.get().content == record("1.000001", agencies=[agency.code])
    assert Procedure.objects.get(code="1.000002").version == 0
    assert Procedure.objects.search("thu thu 1.000001").count() == 1


def test_missing_optional_keys_take_the_model_defaults(db):
    minimal = {
        "code": "1.000001",
        "name": "Thủ tục tối thiểu",
        "field": {"code": "ho-tich", "name": "Hộ tịch"},
        "levels": ["province"],
    }
    import_catalogue([minimal])
    content = procedure_to_dict(Procedure.objects.get())
    assert content["online_mode"] == "offline" and content["is_published"] is True
    assert content["processing_times"] == [] and content["conditions"] == ""


def test_export_then_import_into_an_empty_database_then_export_gives_identical_files(
    rich_catalogue,
):
    first_json = dump_json(export_catalogue())
    first_csv = io.StringIO()
    write_csv(export_catalogue()["procedures"], first_csv)
    Procedure.objects.all().delete()
    Field.objects.all().delete()

    import_catalogue(read_json(first_json))

    assert dump_json(export_catalogue()) == first_json
    second_csv = io.StringIO()
    write_csv(export_catalogue()["procedures"], second_csv)
    assert second_csv.getvalue() == first_csv.getvalue()


def test_csv_and_json_round_trip(rich_catalogue):
    records = export_catalogue()["procedures"]
    buffer = io.StringIO(newline="")
    write_csv(records, buffer)
    buffer.seek(0)
    catalogue = read_csv(buffer)
    assert catalogue.errors == []
    assert catalogue.records == records
    assert catalogue.rows == [2, 4]  # the first record's conditions span two lines


def test_importing_csv_gives_the_same_catalogue_as_json(rich_catalogue):
    document = export_catalogue()
    buffer = io.StringIO(newline="")
    write_csv(document["procedures"], buffer)
    Procedure.objects.all().delete()
    buffer.seek(0)
    import_catalogue(read_csv(buffer))
    assert export_catalogue() == document


def test_csv_errors_name_the_line_in_the_file(db):
    bad = record("1.000002", levels=["province", "county"], is_frequent="maybe")
    buffer = io.StringIO(newline="")
    write_csv([record("1.000001", conditions="một\nhai\nba"), bad], buffer)
    buffer.seek(0)
    errors = errors_of(read_csv(buffer))
    # The header is line 1 and the first record's quoted cell covers lines 2 to 4.
    assert {(error.row, error.field) for error in errors} == {(5, "levels[1]"), (5, "is_frequent")}
    assert str(errors[0]).startswith("Dòng 5, trường ")


def test_csv_cell_that_is_not_json_is_reported(db):
    buffer = io.StringIO(newline="")
    write_csv([record()], buffer)
    text = buffer.getvalue().replace('[{""number""', "[{number")
    errors = errors_of(read_csv(io.StringIO(text, newline="")))
    assert [(error.row, error.field) for error in errors] == [(2, "legal_bases")]
    assert "JSON" in errors[0].message


def test_csv_with_unknown_columns_or_short_rows_is_rejected(db):
    text = "code,name,colour\n1.000001,Thủ tục,red\n1.000002\n"
    errors = errors_of(read_csv(io.StringIO(text, newline="")))
    assert RowError(1, "", "Cột không có trong định dạng danh mục: colour.") in errors
    assert any(error.row == 3 and "3 cột" in error.message for error in errors)


def test_unreadable_csv_is_reported_with_its_line(db):
    text = "code,name\n1.000001," + "x" * 200_000 + "\n"  # over the csv module's cell limit
    errors = errors_of(read_csv(io.StringIO(text, newline="")))
    assert [error.row for error in errors] == [2]
    assert "Không đọc được CSV" in errors[0].message


def test_json_file_must_carry_the_format_header(db):
    with pytest.raises(CatalogueInvalid) as caught:
        read_json(json.dumps({"procedures": [record()]}))
    assert "onestop-catalogue" in str(caught.value)
    with pytest.raises(CatalogueInvalid) as caught:
        read_json('{"format": ')
    assert "JSON" in str(caught.value)


def test_reimporting_an_unchanged_file_changes_nothing(db):
    records = [record("1.000001"), record("1.000002")]
    import_catalogue(records)
    stamps = dict(Procedure.objects.values_list("code", "updated_at"))
    summary = import_catalogue(copy.deepcopy(records))
    assert (summary.created, summary.updated, summary.unchanged, summary.versions) == (0, 0, 2, 0)
    assert ProcedureVersion.objects.count() == 2
    assert dict(Procedure.objects.values_list("code", "updated_at")) == stamps


def test_reordering_levels_or_time_limits_is_not_a_change(db):
    import_catalogue([record(levels=["province", "commune"])])
    reordered = record(levels=["commune", "province"])
    reordered["processing_times"].reverse()
    assert import_catalogue([reordered]).unchanged == 1


def test_importing_changed_content_creates_a_new_version(db):
    import_catalogue([record("1.000001"), record("1.000002")])
    changed = record("1.000001")
    changed["processing_times"][0]["amount"] = 3
    summary = import_catalogue([changed, record("1.000002")])
    assert (summary.updated, summary.unchanged, summary.versions) == (1, 1, 1)
    procedure = Procedure.objects.get(code="1.000001")
    assert procedure.version == 2
    old, new = procedure.versions.order_by("number")
    assert old.content["processing_times"][0]["amount"] == 1
    assert new.content["processing_times"][0]["amount"] == 3
    assert new.time_limit("counter") == (3.0, "working_days")


def test_update_replaces_child_rows(db):
    import_catalogue([record()])
    changed = record(documents=[], legal_bases=[{"number": "", "title": "Luật Hộ tịch"}])
    import_catalogue([changed])
    procedure = Procedure.objects.get()
    assert not procedure.documents.exists()
    assert [basis.title for basis in procedure.legal_bases.all()] == ["Luật Hộ tịch"]
    assert procedure_to_dict(procedure) == changed


def test_update_keeps_uploaded_template_files(db):
    import_catalogue([record()])
    RequiredDocument.objects.update(template_file="procedure-templates/to-khai.docx")
    changed = record()
    changed["documents"][0]["quantity"] = 2
    changed["documents"].append({**changed["documents"][0], "name": "Tờ khai mới"})
    import_catalogue([changed])
    files = dict(RequiredDocument.objects.values_list("name", "template_file"))
    assert files == {"Giấy chứng sinh": "procedure-templates/to-khai.docx", "Tờ khai mới": ""}


def test_renaming_a_field_versions_its_other_procedures_too(db):
    import_catalogue([record("1.000001"), record("1.000002")])
    renamed = record("1.000001", field={"code": "ho-tich", "name": "Hộ tịch, chứng thực"})
    assert import_catalogue([renamed]).versions == 2
    latest = ProcedureVersion.objects.get(procedure__code="1.000002", number=2)
    assert latest.content["field"]["name"] == "Hộ tịch, chứng thực"


def test_progress_is_reported_after_each_batch(db):
    calls = []
    import_catalogue(
        [record(f"1.{n:06d}") for n in range(1, 251)],
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(100, 250), (200, 250), (250, 250)]


# --- per-procedure settings of the dossier side (Decree 118/2025 Điều 19(5), Điều 28) -------


def test_supplement_period_and_inter_agency_flag_round_trip(db):
    summary = import_catalogue([record(supplement_period_days=20, is_inter_agency=True)])
    assert summary.created == 1
    procedure = Procedure.objects.get()
    assert procedure.supplement_period_days == 20 and procedure.is_inter_agency is True
    content = procedure.versions.get().content
    assert content["supplement_period_days"] == 20 and content["is_inter_agency"] is True

    exported = dump_json(export_catalogue())
    assert '"supplement_period_days": 20' in exported and '"is_inter_agency": true' in exported
    buffer = io.StringIO(newline="")
    write_csv(export_catalogue()["procedures"], buffer)
    buffer.seek(0)
    from_csv = read_csv(buffer)
    assert from_csv.errors == [] and from_csv.records == export_catalogue()["procedures"]

    ProcedureVersion.objects.all().delete()
    Procedure.objects.all().delete()
    import_catalogue(read_json(exported))
    assert dump_json(export_catalogue()) == exported


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"supplement_period_days": 0}, "supplement_period_days", "từ 1 đến 365"),
        ({"supplement_period_days": 366}, "supplement_period_days", "từ 1 đến 365"),
        ({"supplement_period_days": -5}, "supplement_period_days", "từ 1 đến 365"),
        ({"supplement_period_days": "20"}, "supplement_period_days", "số ngày nguyên"),
        ({"supplement_period_days": 20.5}, "supplement_period_days", "số ngày nguyên"),
        ({"supplement_period_days": True}, "supplement_period_days", "số ngày nguyên"),
        ({"is_inter_agency": "true"}, "is_inter_agency", "is_inter_agency phải là true"),
        ({"is_inter_agency": 1}, "is_inter_agency", "is_inter_agency phải là true"),
        ({"is_inter_agency": None}, "is_inter_agency", "Không được để null"),
    ],
)
def test_supplement_period_and_inter_agency_flag_are_checked(db, changes, field, message):
    errors = errors_of([record(**changes)])
    assert [error.field for error in errors] == [field]
    assert message in errors[0].message
    assert str(errors[0]).startswith(f"Dòng 1, trường {field}: ")


def test_a_file_written_before_the_two_keys_still_imports_with_their_defaults(db):
    old = record()
    del old["supplement_period_days"], old["is_inter_agency"]
    assert import_catalogue([old]).created == 1
    procedure = Procedure.objects.get()
    assert procedure.supplement_period_days is None and procedure.is_inter_agency is False
    content = procedure_to_dict(procedure)
    assert content["supplement_period_days"] is None and content["is_inter_agency"] is False
    # The same file again is no change, and neither is the same file with the defaults spelt.
    assert import_catalogue([copy.deepcopy(old)]).unchanged == 1
    assert import_catalogue([record()]).unchanged == 1

    text = "code,name,field_code,field_name,levels,supplement_period_days\n"
    text += "1.000002,Thủ tục CSV,ho-tich,Hộ tịch,commune,\n"
    text += "1.000003,Thủ tục CSV khác,ho-tich,Hộ tịch,commune,30\n"
    import_catalogue(read_csv(io.StringIO(text, newline="")))
    periods = dict(Procedure.objects.values_list("code", "supplement_period_days"))
    assert periods == {"1.001193": None, "1.000002": None, "1.000003": 30}


def test_a_csv_period_that_is_not_a_whole_number_is_reported(db):
    text = "code,name,field_code,field_name,levels,supplement_period_days\n"
    text += "1.000002,Thủ tục CSV,ho-tich,Hộ tịch,commune,mười\n"
    errors = errors_of(read_csv(io.StringIO(text, newline="")))
    assert [(error.row, error.field) for error in errors] == [(2, "supplement_period_days")]


def test_changing_either_setting_records_a_new_version(db):
    import_catalogue([record()])
    assert import_catalogue([record(supplement_period_days=30)]).versions == 1
    assert import_catalogue([record(supplement_period_days=30, is_inter_agency=True)]).versions == 1
    procedure = Procedure.objects.get()
    contents = [version.content for version in procedure.versions.order_by("number")]
    assert [content["supplement_period_days"] for content in contents] == [None, 30, 30]
    assert [content["is_inter_agency"] for content in contents] == [False, False, True]


def test_a_version_frozen_before_the_two_keys_is_not_versioned_again(db):
    import_catalogue([record()])
    version = ProcedureVersion.objects.get()
    version.content = {
        key: value
        for key, value in version.content.items()
        if key not in ("supplement_period_days", "is_inter_agency")
    }
    version.save()
    assert import_catalogue([record()]).versions == 0
    assert import_catalogue([record(supplement_period_days=10)]).versions == 1
