import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from procedures.models import Field, Procedure, ProcedureVersion
from tests.factories import FeeFactory, FieldFactory, ProcedureFactory


def run(command: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def record(code: str, **changes: object) -> dict:
    base = {
        "code": code,
        "name": f"Thủ tục {code}",
        "field": {"code": "ho-tich", "name": "Hộ tịch"},
        "levels": ["commune"],
        "processing_times": [{"channel": "counter", "amount": 3, "unit": "working_days"}],
    }
    return {**base, **changes}


def write_catalogue(path: Path, records: list[dict]) -> Path:
    document = {"format": "onestop-catalogue", "format_version": 1, "procedures": records}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def catalogue(db) -> list[Procedure]:
    field = FieldFactory(code="ho-tich", name="Hộ tịch")
    procedures = [ProcedureFactory(field=field), ProcedureFactory(field=field, is_published=False)]
    FeeFactory(procedure=procedures[0], amount_vnd=8000)
    return procedures


def empty_catalogue() -> None:
    Procedure.objects.all().delete()
    Field.objects.all().delete()


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_export_then_import_through_the_commands_gives_the_same_file(catalogue, tmp_path, suffix):
    first, second = tmp_path / f"first.{suffix}", tmp_path / f"second.{suffix}"
    out, _err = run("export_procedures", str(first))
    assert "Đã xuất 2 thủ tục" in out
    empty_catalogue()

    out, _err = run("import_procedures", str(first))

    assert "2 thủ tục mới" in out and "1 phiên bản mới" in out
    run("export_procedures", str(second))
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_export_without_a_file_writes_json_to_stdout(catalogue):
    out, _err = run("export_procedures")
    document = json.loads(out)
    assert document["format"] == "onestop-catalogue"
    assert [row["code"] for row in document["procedures"]] == sorted(p.code for p in catalogue)


def test_export_format_option_chooses_csv_for_stdout(catalogue):
    out, _err = run("export_procedures", "--format", "csv")
    assert out.splitlines()[0].startswith("code,name,field_code,field_name,levels")
    assert len(out.splitlines()) == 3


def test_a_bad_file_exits_with_an_error_listing_every_problem_and_imports_nothing(db, tmp_path):
    bad = record("1.000002")
    bad["processing_times"][0]["unit"] = "weeks"
    path = write_catalogue(
        tmp_path / "bad.json", [record("1.000001"), bad, record("1.000001"), record("x")]
    )
    err = io.StringIO()

    with pytest.raises(CommandError, match="3 lỗi; chưa nhập thủ tục nào"):
        call_command("import_procedures", str(path), stdout=io.StringIO(), stderr=err)

    lines = err.getvalue().splitlines()
    assert lines[0].startswith("Dòng 2, trường processing_times[0].unit: Đơn vị thời gian")
    assert "Dòng 3, trường code: Mã thủ tục 1.000001 trùng với dòng 1." in lines
    assert lines[2].startswith("Dòng 4, trường code: Mã thủ tục có dạng N.NNNNNN")
    assert not Procedure.objects.exists()


def test_import_reports_progress_and_a_summary(db, tmp_path):
    path = write_catalogue(tmp_path / "big.json", [record(f"1.{n:06d}") for n in range(1, 251)])
    out, err = run("import_procedures", str(path))
    assert err.splitlines() == [
        "Đã nhập 100/250 thủ tục",
        "Đã nhập 200/250 thủ tục",
        "Đã nhập 250/250 thủ tục",
    ]
    assert "250 thủ tục mới, 0 cập nhật, 0 không đổi; 250 phiên bản mới" in out


def test_reimporting_a_changed_file_updates_and_versions_only_what_changed(db, tmp_path):
    path = write_catalogue(tmp_path / "c.json", [record("1.000001"), record("1.000002")])
    run("import_procedures", str(path))
    write_catalogue(path, [record("1.000001", name="Tên mới"), record("1.000002")])
    out, _err = run("import_procedures", str(path))
    assert "0 thủ tục mới, 1 cập nhật, 1 không đổi; 1 phiên bản mới" in out
    assert ProcedureVersion.objects.filter(procedure__code="1.000001").count() == 2


def test_format_option_reads_a_file_without_a_known_extension(catalogue, tmp_path):
    path = tmp_path / "catalogue.txt"
    path.write_text(run("export_procedures", "--format", "csv")[0], encoding="utf-8")
    empty_catalogue()
    run("import_procedures", str(path), "--format", "csv")
    assert Procedure.objects.count() == 2


def test_unknown_extension_without_format_is_refused(db, tmp_path):
    path = tmp_path / "catalogue.txt"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError):
        run("import_procedures", str(path))


def test_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        run("import_procedures", str(tmp_path / "missing.json"))


def test_a_file_that_is_not_json_is_refused(db, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "onestop-catalogue", ', encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_procedures", str(path), stdout=io.StringIO(), stderr=err)
    assert "không phải JSON hợp lệ" in err.getvalue()
