"""`export`: one row per entry in a fixed, documented schema; CSV and JSON
Lines read back with the standard library to the same values; updates
folded unless --raw; masked by default; --output atomic."""

import csv
import io
import json
import os

import pytest

from conftest import day_file
from lobbyctl.schema import vocab
from lobbyctl.reports.export_rows import COLUMNS
from lobbyctl.store.lines import dump_entry

RANGE = ("--from", "2026-10-01", "--to", "2026-10-31")


@pytest.fixture
def recorded(run, journal):
    """A greeting, a referral accepted on a phone follow-up, a fault fixed later."""
    ids = {}

    def record(name, *args):
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        ids[name] = result.stdout.strip()

    record("greet", "greet", "--at", "2026-10-05T09:10", "--count", "3", "--segment", "mid",
           "--group", "elderly", "--group", "disabled", "--route", "self-service", "--wait", "12",
           "--potential", "--existing")
    record("refer", "refer", "--at", "2026-10-05T09:20", "--product", "养老理财",
           "--to", "wealth-manager", "--customer", "张先生", "--follow-up", "2026-10-08",
           "--via", "phone", "--greet", ids["greet"])
    record("contact", "update", ids["refer"], "--at", "2026-10-08T15:00", "--via", "phone",
           "--outcome", "accepted")
    record("fault", "note", "fault", "取号机卡纸", "--device", "1号叫号机",
           "--at", "2026-10-06T08:50")
    record("fixed", "update", ids["fault"], "--at", "2026-10-09T11:00", "--fixed",
           "--resolution", "更换打印模块")
    return ids


def export(run, *args):
    result = run("export", *RANGE, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_every_schema_field_has_a_column_and_the_header_is_fixed(run, recorded):
    for fields in vocab.FIELDS.values():
        assert set(fields) <= set(COLUMNS)
    assert COLUMNS[:7] == ("branch_code", "branch_name", "id", "type", "at", "date", "by")
    assert len(set(COLUMNS)) == len(COLUMNS)
    header = next(csv.reader(io.StringIO(export(run, "--format", "csv"))))
    assert tuple(header) == COLUMNS
    # the schema is documented where the module says it is
    import lobbyctl.reports.export_rows as module

    for column in COLUMNS:
        assert f"\n{column} " in module.__doc__, column


def test_jsonl_keeps_native_types_and_folds_updates(run, recorded):
    rows = [json.loads(line) for line in export(run).splitlines()]
    assert [row["type"] for row in rows] == ["greet", "refer", "note"]
    assert all(list(row) == list(COLUMNS) for row in rows)
    greet, refer, fault = rows
    assert greet["branch_code"] == "0101" and greet["branch_name"] == "城东支行"
    assert greet["at"] == "2026-10-05T09:10:00+08:00" and greet["date"] == "2026-10-05"
    assert greet["count"] == 3 and greet["wait"] == 12
    assert greet["groups"] == ["elderly", "disabled"]
    assert greet["potential"] is True and greet["new"] is False
    assert greet["product"] is None and greet["contacts"] is None
    assert refer["outcome"] == "accepted" and refer["decided_on"] == "2026-10-08"
    assert refer["contacts"] == 1 and refer["updates"] == 1 and refer["greet"] == recorded["greet"]
    assert fault["fixed"] is True and fault["fixed_on"] == "2026-10-09"
    assert fault["resolution"] == "更换打印模块" and fault["device"] == "1号叫号机"


def test_csv_reads_back_to_the_same_values_as_jsonl(run, recorded):
    rows = [json.loads(line) for line in export(run).splitlines()]
    table = list(csv.DictReader(io.StringIO(export(run, "--format", "csv"))))
    assert len(table) == len(rows)

    def as_csv(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return ";".join(value)
        return str(value)

    for row, cells in zip(rows, table):
        assert cells == {key: as_csv(value) for key, value in row.items()}
    assert table[0]["groups"] == "elderly;disabled" and table[0]["potential"] == "true"


def test_raw_lists_updates_as_rows_with_the_original_state(run, recorded):
    rows = [json.loads(line) for line in export(run, "--raw").splitlines()]
    assert [row["type"] for row in rows] == ["greet", "refer", "note", "update", "update"]
    refer, update = rows[1], rows[3]
    assert refer["outcome"] == "pending" and refer["decided_on"] is None
    assert update["ref"] == recorded["refer"] and update["outcome"] == "accepted"
    assert update["via"] == "phone" and update["date"] == "2026-10-08"


def test_type_and_range_select_rows(run, recorded):
    rows = [json.loads(line) for line in export(run, "--type", "refer").splitlines()]
    assert [row["id"] for row in rows] == [recorded["refer"]]
    assert rows[0]["outcome"] == "accepted"  # the update is still folded in
    result = run("export", "--from", "2026-10-06", "--to", "2026-10-06")
    assert [json.loads(line)["type"] for line in result.stdout.splitlines()] == ["note"]
    result = run("export", *RANGE, "--type", "update")
    assert [json.loads(line)["ref"] for line in result.stdout.splitlines()] == [
        recorded["refer"], recorded["fault"]]


def test_folding_is_as_of_to(run, recorded):
    result = run("export", "--from", "2026-10-01", "--to", "2026-10-07", "--type", "refer")
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["outcome"] == "pending" and row["contacts"] == 0


def test_masked_by_default_and_in_full_with_no_mask(run, journal):
    # a hand-edited day file may hold numbers in full; an export never shows them by default
    path = day_file(journal, "2026-10-08")
    os.makedirs(path.parent, exist_ok=True)
    path.write_text(dump_entry({"id": "261008-aaaaaa", "type": "greet",
                                "at": "2026-10-08T10:00:00+08:00", "by": "王芳", "count": 1,
                                "customer": "张先生", "note": "回电 13812345678"}),
                    encoding="utf-8")
    masked = export(run, "--format", "csv")
    assert "138****5678" in masked and "13812345678" not in masked
    full = export(run, "--no-mask")
    assert json.loads(full)["note"] == "回电 13812345678"


def test_output_writes_atomically_into_a_new_folder(run, recorded, tmp_path):
    target = tmp_path / "exports" / "2026" / "lobby.csv"
    result = run("export", *RANGE, "--format", "csv", "--output", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "3" in result.stderr and str(target) in result.stderr
    assert target.read_text(encoding="utf-8") == export(run, "--format", "csv")
    assert os.listdir(target.parent) == ["lobby.csv"]


def test_empty_export_is_a_header_only(run, journal):
    assert export(run, "--format", "csv").splitlines() == [",".join(COLUMNS)]
    assert export(run) == ""


@pytest.mark.parametrize("args, words", [
    (("--format", "orc"), ["'orc' 不是以下之一"]),
    (("--format", "parquet"), ["须给出 --output 文件夹"]),
    (("--type", "visit"), ["未知的 type 'visit'", "greet (迎送分流)"]),
    (("--from", "2026-10-09", "--to", "2026-10-01"), ["晚于 --to"]),
    (("--to", "someday soon"), ["不是能读懂的日期或时间"]),
])
def test_bad_options_are_usage_errors(run, journal, args, words):
    result = run("export", *args)
    assert result.exit_code == 2
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
