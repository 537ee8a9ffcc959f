"""Output that attacks its reader (hardening issue, items 10 and 11): values
from a hand-edited journal or lobbyctl.yaml holding terminal controls (ESC
sequences, BEL, C1 CSI) or bidi overrides are shown escaped by every command
in every format, JSON keeps them as values; CSV cells a spreadsheet would run
as formulas start with '."""

import csv
import io
import json
import os
import re
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import day_file, subprocess_run
from robustness import scale
from lobbyctl.schema.text.safe import json_safe, neutralise, spreadsheet_safe
from lobbyctl.store.lines import dump_entry

DAY = "2026-11-20"
# retitle the terminal, clear the screen (C1 CSI), turn the line around, isolate
ATTACK = "\x1b]0;pwned\x07\x9b2J\u202e\u2066\x1b[31m\u200f\u2028"
# what no output may carry raw: C0 but line feed, DEL, C1, bidi controls and marks
ACTING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
HYPERLINK = '=HYPERLINK("http://x")'


def hostile(name):
    return f"{name}{ATTACK}尾"


ENTRIES = [
    {"id": "261120-aaaaaa", "type": "open", "at": f"{DAY}T08:30:00+08:00", "by": hostile("王芳"),
     "ok": ["lights"], "problems": {hostile("item"): hostile("坏了")}, "note": hostile("开门")},
    {"id": "261120-bbbbbb", "type": "greet", "at": f"{DAY}T09:00:00+08:00", "by": hostile("王芳"),
     "count": 2, "segment": "regular", "purpose": "pension", "route": hostile("route"),
     "customer": hostile("张先生"), "ticket": hostile("A1"), "note": HYPERLINK},
    {"id": "261120-cccccc", "type": "refer", "at": f"{DAY}T09:30:00+08:00", "by": hostile("李强"),
     "product": HYPERLINK, "to": "wealth-manager", "to_name": hostile("赵经理"),
     "customer": hostile("钱女士"), "outcome": "pending", "follow_up": "2026-11-22",
     "via": "phone"},
    {"id": "261120-dddddd", "type": "complain", "at": f"{DAY}T10:00:00+08:00", "by": "王芳",
     "level": "complaint", "category": "waiting", "channel": "on-site",
     "summary": hostile("等太久"), "remedy": "-5", "customer": hostile("孙先生"),
     "status": "open", "complexity": "ordinary"},
    {"id": "261120-eeeeee", "type": "note", "at": f"{DAY}T11:00:00+08:00", "by": "王芳",
     "kind": "fault", "text": hostile("ATM坏了"), "device": "+1 ATM", "note": "@SUM(A1)"},
    {"id": "261120-ffffff", "type": "update", "at": f"{DAY}T12:00:00+08:00", "by": "王芳",
     "ref": "261120-cccccc", "note": hostile("回访")},
]


@pytest.fixture
def hostile_journal(journal):
    """The journal with the entries above and a lobbyctl.yaml whose branch
    name, manager, extra purpose label and the journal's own checklist item
    and route keys carry the attack (an entry `check` rejects is counted by
    no reader, so the hostile keys are ones the journal itself declares)."""
    config = journal / "lobbyctl.yaml"
    escaped = json.dumps(ATTACK)[1:-1]  # YAML double-quoted strings take JSON escapes
    text = config.read_text(encoding="utf-8")
    text = text.replace('name: "城东支行"', f'name: "城东{escaped}支行"')
    text = text.replace('- "王芳"', f'- "王{escaped}芳"')
    key = json.dumps(hostile("item"))
    route = json.dumps(hostile("route"))
    text = text.replace("vocabulary: {}", f'vocabulary: {{purpose: {{pension: "养老{escaped}金"}}, '
                                          f'route: {{{route}: "专{escaped}区"}}}}')
    text = text.replace("  open: {}", f'  open: {{lights: "灯光", {key}: "项{escaped}目"}}')
    config.write_text(text, encoding="utf-8")
    shutil.rmtree(journal / ".lobbyctl-cache", ignore_errors=True)
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(dump_entry(entry) for entry in ENTRIES), encoding="utf-8")
    return journal


def strings(data):
    """Every string in parsed JSON, keys too."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, list):
        for item in data:
            yield from strings(item)
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)


def assert_harmless(result):
    for name, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        raw = ACTING.findall(text)
        assert not raw, f"{name} carries raw {sorted(set(raw))!r}:\n{text}"
    assert "Traceback" not in result.stderr


FORMATS = ("text", "markdown", "csv", "json")
REPORTS = {
    "day": ["report", "day", DAY],
    "month": ["report", "month", "2026-11"],
    "table-by": ["report", "table", "--from", "2026-11-01", "--to", "2026-11-30", "--by", "by"],
    "table-customer": ["report", "table", "--from", "2026-11-01", "--to", "2026-11-30",
                       "--by", "purpose,route"],
    "table-product": ["report", "table", "--type", "refer", "--by", "product",
                      "--from", "2026-11-01", "--to", "2026-11-30"],
    "table-where": ["report", "table", "--from", "2026-11-01", "--to", "2026-11-30",
                    "--by", "segment", "--where", f"by={hostile('王芳')}"],
    "due": ["due", "--on", "2026-11-25"],
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("report", list(REPORTS))
def test_reports_show_controls_escaped_in_every_format(hostile_journal, run, report, fmt):
    result = run(*REPORTS[report], "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert_harmless(result)
    if fmt == "json":
        # the same values for a JSON reader: only written as \\uXXXX escapes
        assert any(ATTACK in text for text in strings(json.loads(result.stdout)))
    if fmt in ("text", "markdown") and report != "table-by":
        assert "\\x1b]0;pwned\\x07\\x9b2J\\u202e\\u2066" in result.stdout


def test_report_written_to_a_file_is_neutralised(hostile_journal, run, tmp_path):
    target = tmp_path / "out" / "day.md"
    result = run("report", "day", DAY, "-f", "markdown", "-o", target)
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert not ACTING.findall(text.replace("\t", " "))
    assert "\\x1b]0;pwned" in text


def test_show_escapes_every_field(hostile_journal, run):
    assert_harmless(run("show", DAY, env={"COLUMNS": "60"}))  # the details wrapped
    result = run("show", DAY, env={"COLUMNS": "1000"})
    assert result.exit_code == 0, result.stderr
    assert_harmless(result)
    assert "王芳\\x1b]0;pwned\\x07\\x9b2J\\u202e" in result.stdout
    assert "养老\\x1b]0;pwned" in result.stdout  # the label lobbyctl.yaml added


def test_due_lines_are_escaped(hostile_journal, run):
    result = run("due", "--on", "2026-11-25", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert_harmless(result)
    assert "钱女士\\x1b]0;pwned" in result.stdout


def test_check_lines_are_escaped(hostile_journal, run):
    # an unknown route label, an unknown field and checklist item: each quoted in a problem
    bad = {**ENTRIES[1], "id": "261121-aaaaaa", "at": "2026-11-21T09:00:00+08:00",
           "route": hostile("unknown"), hostile("extra"): hostile("value")}
    path = day_file(hostile_journal, "2026-11-21")
    path.write_text(dump_entry(bad), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert_harmless(result)
    assert "pwned" in result.stdout


def test_file_names_in_messages_are_escaped(journal, run):
    path = journal / "2026" / "11" / f"{DAY}\x1b]0;pwned\x07.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(dump_entry(ENTRIES[1]), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert_harmless(result)
    assert "\\x1b]0;pwned\\x07.yaml" in result.stdout


def test_error_messages_are_escaped(journal, run):
    # a day file that does not parse: the message quotes its text
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True)
    path.write_text('- {"id": "\x1b]0;pwned\x07\u202e", "type": \n', encoding="utf-8")
    for args in (["show", DAY], ["report", "day", DAY], ["export"]):
        result = run(*args)
        assert result.exit_code == 1, result.stderr
        assert_harmless(result)
        assert result.stderr.startswith("错误：")
    result = run("report", "day", DAY, "--skip-bad")
    assert_harmless(result)


def test_usage_errors_quoting_config_labels_are_escaped(hostile_journal, run):
    result = run("greet", "--purpose", "no-such-purpose")
    assert result.exit_code == 2
    assert_harmless(result)


def test_recording_confirmation_is_escaped(hostile_journal, run):
    # the manager recorded by default is lobbyctl.yaml's, the label the extra one
    result = run("greet", "--purpose", "pension", "--at", f"{DAY} 13:00")
    assert result.exit_code == 0, result.stderr
    assert_harmless(result)
    result = run("close", "--ok", "--at", f"{DAY} 17:30")
    assert_harmless(result)


def test_recording_commands_keep_the_values(hostile_journal, run):
    # neutralising is for output only: what is stored stays as typed
    result = run("note", "opinion", "x\u202ey", "--at", f"{DAY} 14:00")
    assert result.exit_code == 0, result.stderr
    result = run("export", "--type", "note")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert "x\u202ey" in [row["text"] for row in rows]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_shows_controls_escaped(hostile_journal, run, fmt):
    result = run("export", "-f", fmt, "--from", "2026-11-01", "--to", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    assert_harmless(result)
    if fmt == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert rows[0]["branch_name"] == f"城东{ATTACK}支行"
        assert {row["by"] for row in rows} >= {hostile("王芳"), hostile("李强")}
        greet = next(row for row in rows if row["type"] == "greet")
        assert greet["customer"] == hostile("张先生")
        assert greet["note"] == HYPERLINK
    else:
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert rows[0]["by"] == "王芳\\x1b]0;pwned\\x07\\x9b2J\\u202e\\u2066\\x1b[31m\\u200f\\u2028尾"


def test_export_through_the_console_script(hostile_journal, tmp_path):
    target = tmp_path / "lobby.csv"
    for args in (["export", "-f", "csv"], ["export", "-f", "csv", "-o", target],
                 ["show", DAY], ["report", "day", DAY]):
        result = subprocess_run(["-J", hostile_journal, *args],
                                env={**os.environ, "LOBBYCTL_BY": "", "LOBBYCTL_JOURNAL": "",
                                     "PYTHONIOENCODING": "utf-8"})
        assert result.returncode == 0, result.stderr
        assert_harmless(result)
    assert not ACTING.findall(target.read_text(encoding="utf-8").replace("\t", " "))


# --- item 11: formulas in CSV ------------------------------------------------

FORMULA_START = re.compile("^[=+\\-@\t\r＝＋－＠]")


def _csv_cells(text):
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_export_csv_quotes_formulas(hostile_journal, run):
    result = run("export", "-f", "csv", "--from", "2026-11-01", "--to", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    by_id = {row["id"]: row for row in rows}
    assert by_id["261120-bbbbbb"]["note"] == "'" + HYPERLINK
    assert by_id["261120-cccccc"]["product"] == "'" + HYPERLINK
    assert by_id["261120-dddddd"]["remedy"] == "'-5"  # text typed as -5
    assert by_id["261120-eeeeee"]["device"] == "'+1 ATM"
    assert by_id["261120-eeeeee"]["note"] == "'@SUM(A1)"
    assert by_id["261120-bbbbbb"]["count"] == "2"
    assert not [cell for cell in _csv_cells(result.stdout) if FORMULA_START.match(cell)]


def test_export_jsonl_keeps_formulas(hostile_journal, run):
    result = run("export", "--from", "2026-11-01", "--to", "2026-11-30")
    rows = {row["id"]: row for row in map(json.loads, result.stdout.splitlines())}
    assert rows["261120-cccccc"]["product"] == HYPERLINK
    assert rows["261120-dddddd"]["remedy"] == "-5"


def test_report_table_csv_quotes_formulas(hostile_journal, run):
    result = run("report", "table", "--type", "refer", "--by", "product",
                 "--from", "2026-11-01", "--to", "2026-11-30", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    cells = _csv_cells(result.stdout)
    assert "'" + HYPERLINK in cells
    assert not [cell for cell in cells if FORMULA_START.match(cell)]
    result = run("report", "table", "--type", "refer", "--by", "product",
                 "--from", "2026-11-01", "--to", "2026-11-30", "-f", "json")
    assert HYPERLINK in strings(json.loads(result.stdout))


def test_negative_numbers_stay_numbers_in_csv(journal, run):
    # days left is negative when a complaint is overdue: a number, not text
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True)
    path.write_text(dump_entry(ENTRIES[3]), encoding="utf-8")
    result = run("due", "--on", "2026-12-31", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    values = [row["value"] for row in csv.DictReader(io.StringIO(result.stdout))
              if row["column"] == "days_left"]
    assert values and all(re.fullmatch(r"-\d+", value) for value in values), values


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_every_report_csv_cell_is_safe(hostile_journal, run, fmt):
    for args in REPORTS.values():
        result = run(*args, "-f", fmt)
        assert result.exit_code == 0, result.stderr
        if fmt == "csv":
            bad = [cell for cell in _csv_cells(result.stdout) if FORMULA_START.match(cell)
                   and not re.fullmatch(r"-\d+(\.\d+)?", cell)]
            assert not bad, bad


# --- the one function, for any text -----------------------------------------

@pytest.mark.stress
@given(st.text())
@settings(max_examples=scale(300, 3000), deadline=None)
def test_neutralised_text_never_acts_and_stays_put(text):
    shown = neutralise(text)
    assert not ACTING.findall(shown.replace("\t", " "))
    assert not re.search("[\ud800-\udfff]", shown)
    assert neutralise(shown) == shown  # escaping twice changes nothing
    assert "\n" not in neutralise(text, one_line=True)
    if text.isprintable():
        assert shown is text


@pytest.mark.stress
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20))
@settings(max_examples=scale(300, 3000), deadline=None)
def test_json_safe_keeps_every_value(value):
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert not ACTING.findall(text.replace("\t", " ").replace("\n", " "))
    assert json.loads(text) == value


@pytest.mark.stress
@given(st.text())
@settings(max_examples=scale(300, 3000), deadline=None)
def test_spreadsheet_safe_cells_are_never_formulas(text):
    assert not FORMULA_START.match(spreadsheet_safe(text))


def test_shell_completion_escapes_config_labels(journal):
    config = journal / "lobbyctl.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "vocabulary: {}", 'vocabulary: {purpose: {"pen\\u001b]0;x\\u0007": "养老\\u202e金"}}')
    config.write_text(text, encoding="utf-8")
    shutil.rmtree(journal / ".lobbyctl-cache", ignore_errors=True)
    result = subprocess_run([], env={**os.environ, "_LOBBYCTL_COMPLETE": "zsh_complete",
                                     "COMP_WORDS": f"lobbyctl -J {journal} greet --purpose p",
                                     "COMP_CWORD": "5", "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0, result.stderr
    assert_harmless(result)
    assert "pen\\x1b]0;x\\x07" in result.stdout and "养老\\u202e金" in result.stdout
