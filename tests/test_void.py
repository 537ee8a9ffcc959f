"""`lobbyctl void ID --reason TEXT`: a correction without rewriting.

The void is appended to the day of --at; the voided entry stays in its own
file, byte for byte, and every reader leaves it out -- `report day`,
`report month`, `report table`, `export`, `due` -- while `show` lists it
marked voided with the reason, `export --raw` lists both, and the forms
list the corrections.  Refusals: a void of a void, of an id that does not
exist, of an entry voided already, before its target; an update of a
voided entry.  `check` reports a hand-edited void that points nowhere, at a
void, before its target, at a later day, or at an entry voided already."""

import csv
import io
import json
import os
import subprocess

import pytest

from conftest import LOBBYCTL, day_file
from lobbyctl.store.lines import dump_entry

NOW = "2026-12-02T09:00"  # every reader runs in December


@pytest.fixture
def journal(english_journal):
    """English: the refusals and `check`'s lines are pinned word for word."""
    return english_journal


def rec(run, at, *args):
    """Record with the clock at ``at``; the printed id."""
    result = run("--now", at, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def read(run, *args):
    result = run("--now", NOW, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def as_json(run, *args):
    return json.loads(read(run, *args, "--format", "json"))


def october(run):
    """Two greetings (3 and 2 customers) on 20 October; the first voided
    in November.  Returns (kept id, voided id, void id)."""
    voided = rec(run, "2026-10-20T10:00", "greet", "--count", 3, "--route", "counter")
    kept = rec(run, "2026-10-20T11:00", "greet", "--count", 2, "--route", "self-service")
    void = rec(run, "2026-11-03T09:30", "void", voided, "--reason", "recorded twice",
               "--by", "李强")
    return kept, voided, void


def export_rows(run, *args):
    return list(csv.DictReader(io.StringIO(read(run, "export", "--format", "csv", *args))))


# --- recording ---------------------------------------------------------------

def test_void_prints_its_id_and_appends_only_to_its_own_day(run, journal):
    voided = rec(run, "2026-10-20T10:00", "greet", "--count", 3, "--route", "counter")
    rec(run, "2026-10-21T10:00", "note", "hygiene", "地面有水")
    before = {path: path.read_bytes() for path in journal.rglob("*.yaml")
              if path.name != "lobbyctl.yaml"}
    result = run("--now", "2026-11-03T09:30", "void", voided, "--reason", "recorded twice")
    assert result.exit_code == 0, result.stderr
    void = result.stdout.strip()
    assert void.startswith("261103-") and result.stdout == void + "\n"
    assert f"Recorded Void {void} (2026-11-03 09:30) voiding {voided}" in result.stderr
    for path, data in before.items():
        assert path.read_bytes() == data, path  # the earlier days, byte for byte
    line = day_file(journal, "2026-11-03").read_text(encoding="utf-8")
    assert line == ('- {"id": "%s", "type": "void", "at": "2026-11-03T09:30:00+08:00", '
                    '"by": "王芳", "ref": "%s", "reason": "recorded twice"}\n' % (void, voided))
    assert run("--now", NOW, "check").exit_code == 0


def test_the_reason_is_masked_like_every_free_text(run, journal):
    voided = rec(run, "2026-10-20T10:00", "greet", "--count", 1)
    result = run("--now", NOW, "void", voided, "--reason", "客户电话 13800138000 登记错了")
    assert result.exit_code == 0, result.stderr
    assert "Masked 1 personal number(s)" in result.stderr
    text = day_file(journal, "2026-12-02").read_text(encoding="utf-8")
    assert "13800138000" not in text and "138****8000" in text
    shown = read(run, "show", "2026-10-20", "--format", "json")
    assert "138****8000" in shown and "13800138000" not in shown


# --- every reader leaves the voided entry out ---------------------------------

def test_a_voided_greeting_is_counted_by_no_report(run, journal):
    october(run)
    # hand-checked: 3 + 2 customers recorded, the 3 voided: 2 left
    day = as_json(run, "report", "day", "2026-10-20")
    assert day["sections"]["customers"]["summary"]["customers"] == 2
    assert day["sections"]["customers"]["summary"]["greetings"] == 1
    month = as_json(run, "report", "month", "2026-10")
    assert month["sections"]["flow"]["summary"]["customers"] == 2
    table = list(csv.reader(io.StringIO(read(
        run, "report", "table", "--type", "greet", "--by", "route", "--from", "2026-10-01",
        "--to", "2026-10-31", "--format", "csv"))))
    assert ["counter"] not in [row[:1] for row in table]
    totals = [row for row in table if row[0] == "self-service"]
    assert totals and all(row[-2] == "2" for row in totals), table
    assert not any(row[0] == "counter" for row in table), table
    rows = export_rows(run, "--from", "2026-10-01", "--to", "2026-11-30")
    assert [(row["type"], row["count"]) for row in rows] == [("greet", "2")]


def test_an_october_entry_voided_in_november_is_left_out_in_december(run, journal):
    kept, voided, void = october(run)
    # read again, cached: the index of voids and the day cache are warm now
    for _ in range(2):
        month = as_json(run, "report", "month", "2026-10")
        assert month["sections"]["flow"]["summary"]["customers"] == 2
        corrections = month["sections"]["corrections"]
        assert corrections["summary"]["voided"] == 1
        assert corrections["voided"]["rows"] == [{
            "date": "2026-10-20", "what": "greet", "ref": voided, "reason": "recorded twice",
            "voided_at": "2026-11-03 09:30", "by": "李强", "void": void}]
    # November's form: its own entries, and none of them voided
    november = as_json(run, "report", "month", "2026-11")
    assert november["sections"]["corrections"]["empty"] is True


def test_a_void_recorded_after_a_report_is_seen_by_the_next_one(run, journal):
    voided = rec(run, "2026-10-20T10:00", "greet", "--count", 3)
    rec(run, "2026-10-20T11:00", "greet", "--count", 2)
    assert as_json(run, "report", "day", "2026-10-20")[
        "sections"]["customers"]["summary"]["customers"] == 5
    rec(run, "2026-11-03T09:30", "void", voided, "--reason", "wrong count")
    assert as_json(run, "report", "day", "2026-10-20")[
        "sections"]["customers"]["summary"]["customers"] == 2


def test_the_forms_list_the_corrections(run, journal):
    kept, voided, void = october(run)
    text = read(run, "report", "month", "2026-10", "--format", "markdown")
    assert "## Corrections" in text
    [row] = [line for line in text.splitlines() if voided in line]
    assert [cell.strip() for cell in row.strip("|").split("|")] == [
        "2026-10-20", "Greeting", voided, "recorded twice", "2026-11-03 09:30", "李强", void]
    assert "recorded twice" in text and void in text
    day = as_json(run, "report", "day", "2026-11-03")
    assert day["sections"]["corrections"]["voided"]["rows"][0]["ref"] == voided
    assert "corrections" not in as_json(run, "report", "day", "2026-10-20")["sections"]


def test_a_voided_referral_is_no_longer_due(run, journal):
    referral = rec(run, "2026-11-20T10:00", "refer", "--product", "养老理财", "--outcome",
                   "pending", "--follow-up", "2026-11-25", "--via", "phone")
    assert referral in read(run, "due")
    rec(run, "2026-11-21T09:00", "void", referral, "--reason", "customer never came")
    assert referral not in read(run, "due")
    assert as_json(run, "report", "month", "2026-11")[
        "sections"]["referrals"]["empty"] is True


def test_a_voided_update_is_undone(run, journal):
    referral = rec(run, "2026-11-20T10:00", "refer", "--product", "养老理财", "--outcome",
                   "pending", "--follow-up", "2026-11-25", "--via", "phone")
    update = rec(run, "2026-11-22T10:00", "update", referral, "--outcome", "accepted")
    assert referral not in read(run, "due")
    assert export_rows(run, "--type", "refer")[0]["outcome"] == "accepted"
    rec(run, "2026-11-22T11:00", "void", update, "--reason", "the customer said no, not yes")
    assert referral in read(run, "due")  # pending again, its follow-up overdue
    [row] = export_rows(run, "--type", "refer")
    assert (row["outcome"], row["updates"], row["decided_on"]) == ("pending", "0", "")
    referrals = as_json(run, "report", "month", "2026-11")["sections"]["referrals"]
    assert referrals["summary"]["accepted"] == 0


def test_the_updates_of_a_voided_entry_go_with_it(run, journal):
    fault = rec(run, "2026-11-20T10:00", "note", "fault", "3号ATM吞卡", "--device", "3号ATM")
    rec(run, "2026-11-20T15:00", "update", fault, "--via", "phone", "--follow-up",
        "2026-11-21")
    rec(run, "2026-11-21T09:00", "void", fault, "--reason", "it was ATM 2, recorded anew")
    assert fault not in read(run, "due")
    assert export_rows(run, "--raw", "--type", "update") != []  # still in the file
    day = as_json(run, "report", "day", "2026-11-20")
    assert day["sections"]["followups"]["done"]["rows"] == []


# --- show and export --raw -----------------------------------------------------

def test_show_marks_the_voided_entry_with_the_reason_and_lists_the_void(run, journal):
    kept, voided, void = october(run)
    shown = as_json(run, "show", "2026-10-20")["sections"]["entries"]["entries"]["rows"]
    assert [row["id"] for row in shown] == [voided, kept]
    assert shown[0]["details"].startswith(f"[voided by {void}: recorded twice] ")  # then a space
    assert "voided" not in shown[1]["details"]
    [row] = as_json(run, "show", "2026-11-03")["sections"]["entries"]["entries"]["rows"]
    assert row["type"] == "void"
    assert row["details"] == f"→ Greeting {voided} (3×, → Counter), reason: recorded twice"
    zh = read(run, "show", "2026-10-20", "--lang", "zh", "--format", "json")
    assert f"【已作废：{void}，recorded twice】" in zh


def test_export_raw_lists_both_the_voided_entry_and_the_void(run, journal):
    kept, voided, void = october(run)
    rows = export_rows(run, "--raw", "--from", "2026-10-01")
    assert [(row["id"], row["type"], row["ref"], row["reason"]) for row in rows] == [
        (voided, "greet", "", ""), (kept, "greet", "", ""),
        (void, "void", voided, "recorded twice")]
    header = read(run, "export", "--format", "csv").splitlines()[0].split(",")
    assert header[header.index("decided_on"):header.index("reason") + 1] == [
        "decided_on", "closed_on", "fixed_on", "contacts", "updates", "reason"]
    assert [row["id"] for row in export_rows(run, "--type", "void")] == [void]
    lines = read(run, "export", "--raw").splitlines()
    assert json.loads(lines[-1])["reason"] == "recorded twice"


# --- refusals ---------------------------------------------------------------------

def test_a_void_of_a_void_is_refused(run, journal):
    kept, voided, void = october(run)
    result = run("--now", NOW, "void", void, "--reason", "undo")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {void} is itself a void, which cannot be voided; to "
                             "bring back what it voided, record that entry again\n")
    assert not day_file(journal, "2026-12-02").exists()


def test_a_void_of_an_id_that_does_not_exist_is_refused(run, journal):
    result = run("--now", NOW, "void", "261120-aaaaaa", "--reason", "typo")
    assert result.exit_code == 1
    assert result.stderr == "Error: there is no entry 261120-aaaaaa to void\n"
    assert not day_file(journal, "2026-12-02").exists()
    result = run("--now", NOW, "void", "not-an-id", "--reason", "typo")
    assert result.exit_code == 2
    assert "'not-an-id' is not an entry id" in result.stderr


def test_voiding_an_entry_twice_is_refused(run, journal):
    kept, voided, void = october(run)
    result = run("--now", NOW, "void", voided, "--reason", "again")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {voided} was voided by {void} at "
                             "2026-11-03T09:30:00+08:00 (reason: recorded twice)\n")
    assert not day_file(journal, "2026-12-02").exists()


def test_an_update_of_a_voided_entry_is_refused(run, journal):
    referral = rec(run, "2026-11-20T10:00", "refer", "--product", "基金", "--outcome",
                   "pending")
    void = rec(run, "2026-11-21T09:00", "void", referral, "--reason", "wrong customer")
    result = run("--now", NOW, "update", referral, "--outcome", "accepted")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {referral} was voided by {void} at "
                             "2026-11-21T09:00:00+08:00 (reason: wrong customer)\n")
    greet = rec(run, "2026-11-22T09:00", "greet", "--count", 1)
    rec(run, "2026-11-22T09:05", "void", greet, "--reason", "no such customer")
    result = run("--now", NOW, "refer", "--product", "基金", "--outcome", "pending",
                 "--greet", greet)
    assert result.exit_code == 1 and "was voided by" in result.stderr


def test_a_void_before_its_target_and_a_blank_reason_are_refused(run, journal):
    greet = rec(run, "2026-11-20T10:00", "greet", "--count", 1)
    result = run("--now", NOW, "void", greet, "--reason", "x", "--at", "2026-11-20T09:00")
    assert result.exit_code == 2
    assert "is before the entry it voids" in result.stderr
    for reason in ("", "   "):
        result = run("--now", NOW, "void", greet, "--reason", reason)
        assert result.exit_code == 2
        assert "--reason: say why the entry is voided" in result.stderr
    result = run("--now", NOW, "void", greet)
    assert result.exit_code == 2 and "--reason" in result.stderr
    assert not day_file(journal, "2026-12-02").exists()


def test_the_void_in_chinese(tmp_path):
    from conftest import Run

    run = Run(tmp_path / "zh")
    assert run("init", "--manager", "王芳").exit_code == 0
    greet = rec(run, "2026-11-20T10:00", "greet", "--count", 1)
    void = rec(run, "2026-11-20T11:00", "void", greet, "--reason", "重复")
    result = run("--now", NOW, "void", void, "--reason", "撤销")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"错误：{void} 本身是一条作废更正，不能再作废")
    result = run("--now", NOW, "void", greet, "--reason", "再次")
    assert result.stderr.startswith(f"错误：{greet} 已于 2026-11-20T11:00:00+08:00 被 {void} 作废")


# --- hand-edited voids: check and every reader ----------------------------------

def write_day(journal, day, entries):
    path = day_file(journal, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(dump_entry(entry) for entry in entries), encoding="utf-8")


def entry(entry_id, entry_type, at, **fields):
    return {"id": entry_id, "type": entry_type, "at": at, "by": "王芳", **fields}


def greet(entry_id, at):
    return entry(entry_id, "greet", at, count=3, route="counter")


def void(entry_id, ref, at, reason="hand-edited"):
    return entry(entry_id, "void", at, ref=ref, reason=reason)


@pytest.mark.parametrize("bad,message", [
    (void("261121-bbbbbb", "261120-zzzzzz", "2026-11-21T09:00:00+08:00"),
     "ref: no entry 261120-zzzzzz in the journal"),
    (void("261121-bbbbbb", "261121-cccccc", "2026-11-21T09:00:00+08:00"),
     "ref: 261121-cccccc is itself a void, which cannot be voided"),
    (void("261121-bbbbbb", "261121-dddddd", "2026-11-21T09:00:00+08:00"),
     "at: 2026-11-21T09:00:00+08:00 is before 261121-dddddd was recorded "
     "(2026-11-21T12:00:00+08:00); a void comes after what it voids"),
    (void("261121-bbbbbb", "261122-aaaaaa", "2026-11-21T09:00:00+08:00"),
     "ref: 261122-aaaaaa names the day 2026-11-22, after this void's day 2026-11-21; a "
     "void comes after what it voids"),
], ids=["nowhere", "a-void", "before-its-target", "a-later-day"])
def test_a_hand_edited_void_check_refuses_is_refused_by_every_reader(run, journal, bad,
                                                                      message):
    write_day(journal, "2026-11-20", [greet("261120-aaaaaa", "2026-11-20T10:00:00+08:00")])
    write_day(journal, "2026-11-21", [
        void("261121-cccccc", "261120-aaaaaa", "2026-11-21T08:00:00+08:00"),
        bad,
        greet("261121-dddddd", "2026-11-21T12:00:00+08:00")])
    write_day(journal, "2026-11-22", [greet("261122-aaaaaa", "2026-11-22T10:00:00+08:00")])
    checked = run("--now", NOW, "check")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[0] == f"2026/11/2026-11-21.yaml:2: {message}"
    for argv in (["report", "day", "2026-11-21"], ["report", "month", "2026-11"],
                 ["export"], ["show", "2026-11-21"],
                 ["report", "table", "--type", "greet", "--by", "route", "--from",
                  "2026-11-01"]):
        result = run("--now", NOW, *argv)
        assert result.exit_code == 1, argv
        assert f"2026/11/2026-11-21.yaml:2: {message}" in result.stderr, argv
        skipping = run("--now", NOW, *argv, "--skip-bad")
        assert skipping.exit_code == 0, (argv, skipping.stderr)
    # the good void still voids; the refused one voids nothing
    rows = export_rows(run, "--skip-bad")
    assert [row["id"] for row in rows] == ["261121-dddddd", "261122-aaaaaa"]


def test_check_reports_a_second_void_of_one_entry(run, journal):
    write_day(journal, "2026-11-20", [greet("261120-aaaaaa", "2026-11-20T10:00:00+08:00")])
    write_day(journal, "2026-11-21", [
        void("261121-bbbbbb", "261120-aaaaaa", "2026-11-21T08:00:00+08:00")])
    write_day(journal, "2026-11-23", [
        void("261123-cccccc", "261120-aaaaaa", "2026-11-23T08:00:00+08:00")])
    checked = run("--now", NOW, "check")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        "2026/11/2026-11-23.yaml:1: ref: 261120-aaaaaa was voided already, at "
        "2026/11/2026-11-21.yaml:1"]
    # readers: voided once is voided; the form lists the first void
    month = as_json(run, "report", "month", "2026-11")
    assert [row["void"] for row in month["sections"]["corrections"]["voided"]["rows"]] == [
        "261121-bbbbbb"]


def test_a_void_typed_by_hand_in_block_style_or_escaped_is_a_void(run, journal):
    write_day(journal, "2026-11-20", [greet("261120-aaaaaa", "2026-11-20T10:00:00+08:00"),
                                      greet("261120-bbbbbb", "2026-11-20T10:05:00+08:00"),
                                      greet("261120-cccccc", "2026-11-20T10:10:00+08:00")])
    day_file(journal, "2026-11-21").parent.mkdir(parents=True, exist_ok=True)
    day_file(journal, "2026-11-21").write_text(
        "# corrected by hand\n"
        "- id: 261121-aaaaaa\n  type: void\n  at: '2026-11-21T09:00:00+08:00'\n"
        "  by: 王芳\n  ref: 261120-aaaaaa\n  reason: 重复\n", encoding="utf-8")
    day_file(journal, "2026-11-22").write_text(
        '- {"id": "261122-aaaaaa", "type": "\\x76oid", "at": "2026-11-22T09:00:00+08:00", '
        '"by": "王芳", "ref": "261120-bbbbbb", "reason": "escaped"}\n', encoding="utf-8")
    assert run("--now", NOW, "check").exit_code == 0
    assert [row["id"] for row in export_rows(run)] == ["261120-cccccc"]


def test_a_forged_index_of_voids_takes_nothing_out(run, journal):
    # the voids are indexed in a folder of their own, signed with this
    # machine's key: a record that names a void no file holds is no void
    kept, voided, void = october(run)
    assert as_json(run, "report", "month", "2026-10")[
        "sections"]["flow"]["summary"]["customers"] == 2
    folder = journal / ".lobbyctl-cache" / "voids"
    assert sorted(os.listdir(folder)) == ["targets-2026.json", "voids-2026.json",
                                          "voids-whole.json"]
    whole = folder / "voids-whole.json"
    whole_signature, _, whole_body = whole.read_bytes().partition(b"\n")
    path = folder / "voids-2026.json"
    signature, _, body = path.read_bytes().partition(b"\n")
    data = json.loads(body)
    forged = {"entries": [
        {"id": "261020-zzzzzz", "type": "void", "at": "2026-10-20T12:00:00+08:00", "by": "x",
         "ref": kept, "reason": "forged"}], "lines": [9]}
    for record in data["files"].values():
        record["data"] = forged
    text = json.dumps(data, ensure_ascii=False).encode("utf-8")
    for attempt in (signature + b"\n" + text, b"0" * 64 + b"\n" + text, text):
        path.write_bytes(attempt)
        if whole.exists():
            whole.unlink()  # the whole journal's record gone: each file's is read
        month = as_json(run, "report", "month", "2026-10")
        assert month["sections"]["flow"]["summary"]["customers"] == 2
        assert [row["ref"] for row in month["sections"]["corrections"]["voided"]["rows"]] == [
            voided]
    # the whole journal's record forged the same way (under the key it had)
    data = json.loads(whole_body)
    data["voids"].append(["2026-10-20", forged["entries"][0], 9])
    text = json.dumps(data, ensure_ascii=False).encode("utf-8")
    for attempt in (whole_signature + b"\n" + text, b"0" * 64 + b"\n" + text, text):
        whole.write_bytes(attempt)
        month = as_json(run, "report", "month", "2026-10")
        assert month["sections"]["flow"]["summary"]["customers"] == 2
        assert [row["ref"] for row in month["sections"]["corrections"]["voided"]["rows"]] == [
            voided]


def test_a_void_written_by_hand_into_an_earlier_day_is_seen_at_once(run, journal):
    # the voids of the whole journal are kept under the identity of every
    # day file: a line appended by hand to a day already read changes it
    kept, voided, void = october(run)
    assert as_json(run, "report", "month", "2026-10")[
        "sections"]["flow"]["summary"]["customers"] == 2
    assert (journal / ".lobbyctl-cache" / "voids" / "voids-whole.json").exists()
    path = day_file(journal, "2026-11-03")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(dump_entry({"id": "261103-zzzzzz", "type": "void",
                                 "at": "2026-11-03T10:00:00+08:00", "by": "王芳",
                                 "ref": kept, "reason": "also twice"}))
    month = as_json(run, "report", "month", "2026-10")
    assert month["sections"]["flow"].get("summary", {}).get("customers", 0) == 0  # both out
    assert sorted(row["ref"] for row in month["sections"]["corrections"]["voided"]["rows"]) \
        == sorted([voided, kept])


def test_a_target_edited_away_after_the_void_leaves_the_void_pointing_nowhere(run, journal):
    # what the voided entry's file held is kept by that file's identity: an
    # edit by hand is seen at once, by check and every reader alike
    kept, voided, void = october(run)
    assert as_json(run, "report", "month", "2026-10")[
        "sections"]["corrections"]["summary"]["voided"] == 1
    path = day_file(journal, "2026-10-20")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if voided not in line), encoding="utf-8")
    message = f"2026/11/2026-11-03.yaml:1: ref: no entry {voided} in the journal"
    assert message in run("--now", NOW, "check").stdout
    result = run("--now", NOW, "report", "month", "2026-11")
    assert result.exit_code == 1 and message in result.stderr
    month = as_json(run, "report", "month", "2026-10")
    assert month["sections"]["corrections"]["empty"] is True
    assert month["sections"]["flow"]["summary"]["customers"] == 2


# --- two processes at once ----------------------------------------------------

@pytest.mark.stress
def test_two_voids_of_one_entry_at_once_record_one(journal):
    rounds = 12 if os.environ.get("LOBBYCTL_STRESS") == "full" else 3
    env = {**os.environ, "LOBBYCTL_JOURNAL": str(journal), "LOBBYCTL_NOW": NOW,
           "LOBBYCTL_BY": ""}
    for round_number in range(rounds):
        made = subprocess.run([LOBBYCTL, "greet", "--count", "1"], env=env, capture_output=True,
                              text=True, timeout=60)
        target = made.stdout.strip()
        racers = [subprocess.Popen([LOBBYCTL, "void", target, "--reason", f"racer {n}"],
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True) for n in range(4)]
        results = [(racer.wait(timeout=60), racer.stdout.read(), racer.stderr.read())
                   for racer in racers]
        for racer in racers:
            racer.stdout.close()
            racer.stderr.close()
        assert sorted(code for code, _, _ in results) == [0, 1, 1, 1], results
        assert all("was voided by" in err for code, _, err in results if code == 1)
    text = day_file(journal, "2026-12-02").read_text(encoding="utf-8")
    assert text.count('"type": "void"') == rounds
    checked = subprocess.run([LOBBYCTL, "check"], env=env, capture_output=True, text=True,
                             timeout=60)
    assert checked.returncode == 0, checked.stdout


def test_the_kept_voids_name_the_files_of_the_journal_as_this_run_reaches_it(run, journal,
                                                                            tmp_path):
    # the whole journal's record keeps no paths: reached through a link
    # after a run by its own path, each void names the file of this run
    from lobbyctl.check import voids as voids_module
    from lobbyctl.store.journal import Journal

    kept, voided, void = october(run)
    assert run("--now", NOW, "report", "month", "2026-10").exit_code == 0
    assert (journal / ".lobbyctl-cache" / "voids" / "voids-whole.json").exists()
    link = tmp_path / "by-link"
    link.symlink_to(journal, target_is_directory=True)
    found = voids_module._find(Journal.open(str(link)))
    assert [(v.ref, v.path) for v in found.all] == [
        (voided, str(link / "2026" / "11" / "2026-11-03.yaml"))]
