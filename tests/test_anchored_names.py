"""A name read by a pattern ends where the pattern ends: an id, a date, a
day file's or a month folder's name with a line break after it is not the
name it would be without (``$`` matches before a final newline; ``\\Z`` does
not)."""

import json

from conftest import day_file


def _hand_written(journal, line):
    path = day_file(journal, "2026-10-15")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("- " + line + "\n", encoding="utf-8")
    return path


def test_an_id_with_a_line_break_after_it_is_refused_by_check_and_readers(journal, run):
    entry = {"id": "261015-abcdef\n", "type": "greet", "at": "2026-10-15T10:00:00+08:00",
             "by": "王芳", "count": 1}
    path = _hand_written(journal, json.dumps(entry, ensure_ascii=False))
    before = path.read_bytes()
    checked = run("check")
    assert checked.exit_code == 1
    assert "2026-10-15.yaml:1" in checked.stdout and "261015-abcdef" in checked.stdout
    shown = run("report", "table", "--type", "greet", "--by", "route",
                "--from", "2026-10-01", "--to", "2026-10-31")
    assert shown.exit_code == 1
    assert path.read_bytes() == before


def test_an_update_naming_an_id_with_a_line_break_is_refused(journal, run):
    greeting = {"id": "261015-abcdef", "type": "greet", "at": "2026-10-15T10:00:00+08:00",
                "by": "王芳", "count": 1}
    refer = {"id": "261015-bcdefg", "type": "refer", "at": "2026-10-15T10:05:00+08:00",
             "by": "王芳", "product": "手机银行", "to": "teller", "outcome": "pending",
             "greet": "261015-abcdef\n"}
    path = day_file(journal, "2026-10-15")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join("- " + json.dumps(e, ensure_ascii=False) + "\n"
                            for e in (greeting, refer)),
                    encoding="utf-8")
    checked = run("check")
    assert checked.exit_code == 1
    assert "2026-10-15.yaml:2" in checked.stdout


def test_a_day_file_whose_name_ends_in_a_line_break_is_not_that_day(journal, run):
    folder = journal / "2026" / "10"
    folder.mkdir(parents=True, exist_ok=True)
    stray = folder / "2026-10-15.yaml\n"
    stray.write_text("- " + json.dumps({"id": "261015-abcdef", "type": "greet",
                                 "at": "2026-10-15T10:00:00+08:00", "by": "王芳",
                                 "count": 1}) + "\n", encoding="utf-8")
    table = run("report", "table", "--type", "greet", "--by", "route", "--format", "csv",
                "--from", "2026-10-01", "--to", "2026-10-31")
    # the stray file is no day of the journal: nothing is counted from it
    assert table.exit_code == 0, table.stderr
    assert table.stdout.splitlines() == ["route,count,total"]
    assert "0 个日文件" in run("check").stderr
