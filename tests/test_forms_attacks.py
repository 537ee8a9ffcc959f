"""Issue 10's adversarial round, through the CLI: every command that reads
the journal counts what `check` accepts less what a void takes out -- the
recording commands' own checks (a second opening, a second closing, the
back-filled notice, the closing summary) included; ids are ASCII, typed in
full width or not; `init` never stores a branch code altered by the mask;
the printed form keeps a long unbroken text on the page."""

import pytest

from conftest import day_file

DAY = "2026-11-20"


@pytest.fixture
def journal(english_journal):
    return english_journal


def rec(run, at, *args):
    result = run("--now", f"{DAY}T12:00", *args, "--at", at)
    assert result.exit_code == 0, result.stderr
    return result


def test_a_voided_opening_is_no_opening(run, journal):
    opened = rec(run, "09:00", "open", "--ok").stdout.strip()
    rec(run, "09:05", "void", opened, "--reason", "opened on the wrong day")
    again = run("--now", f"{DAY}T12:00", "open", "--ok", "--at", "09:10")
    assert again.exit_code == 0, again.stderr  # no --force needed
    assert "already opened" not in again.stderr
    assert '"forced"' not in day_file(journal, DAY).read_text(encoding="utf-8")
    # while an opening that stands still needs --force
    refused = run("--now", f"{DAY}T12:00", "open", "--ok", "--at", "09:20")
    assert refused.exit_code == 1
    assert "already opened" in refused.stderr


def test_a_voided_closing_is_no_closing(run, journal):
    rec(run, "09:00", "open", "--ok")
    rec(run, "09:30", "greet", "--count", "2", "--route", "counter")
    closed = rec(run, "10:00", "close", "--ok").stdout.strip()
    rec(run, "10:05", "void", closed, "--reason", "closed too early")
    greeted = rec(run, "10:30", "greet", "--route", "counter")
    assert "back-filled" not in greeted.stderr
    closing = rec(run, "11:00", "close", "--ok")
    assert "second closing" not in closing.stderr
    assert "Closing checklist 1," in closing.stderr  # the voided one is not counted
    assert "3 customer(s) greeted" in closing.stderr


def test_a_voided_greeting_is_not_in_the_closing_summary(run, journal):
    rec(run, "09:00", "open", "--ok")
    greeted = rec(run, "09:30", "greet", "--count", "5", "--route", "counter").stdout.strip()
    rec(run, "09:40", "void", greeted, "--reason", "recorded twice")
    closing = rec(run, "11:00", "close", "--ok")
    assert "0 customer(s) greeted" in closing.stderr


def test_a_void_of_the_opening_recorded_meanwhile_in_the_same_day(run, journal):
    """The void is in the day file the recorder holds under its lock: it
    counts even when the journal's voids were found before it was written."""
    from lobbyctl.store.lines import dump_entry

    opened = rec(run, "09:00", "open", "--ok").stdout.strip()
    path = day_file(journal, DAY)
    void = {"id": "261120-aaaaaa", "type": "void", "at": f"{DAY}T09:05:00+08:00", "by": "王芳",
            "ref": opened, "reason": "typed by hand"}
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(dump_entry(void))
    again = run("--now", f"{DAY}T12:00", "open", "--ok", "--at", "09:10")
    assert again.exit_code == 0, again.stderr


@pytest.mark.parametrize("code, lang, words", [
    ("0000000000", "zh", "个人号码"),
    ("138 1234 5678", "en", "reads as a personal number"),
    ("6222021234567890128", "en", "reads as a personal number"),
])
def test_init_refuses_a_branch_code_the_mask_would_change(tmp_path, code, lang, words):
    """Found by hypothesis: `--branch-code 0000000000` was written as
    000-****0000.  A code is no personal number, but one the mask would
    alter is refused (exit 2), in the language asked for, and nothing is
    created."""
    from conftest import Run

    run = Run(tmp_path / "journal")
    result = run("init", "--branch-code", code, "--lang", lang)
    assert result.exit_code == 2, result.stderr
    assert words in result.stderr and "--branch-code" in result.stderr
    assert "Traceback" not in result.stderr
    assert not run.root.exists()


@pytest.mark.parametrize("code", ["0101", "102100099996", "A-0101", "城东01"])
def test_init_keeps_a_branch_code_as_typed(tmp_path, code):
    from conftest import Run

    run = Run(tmp_path / "journal")
    assert run("init", "--branch-code", code).exit_code == 0
    assert f'code: "{code}"' in (run.root / "lobbyctl.yaml").read_text(encoding="utf-8")


FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}


def test_an_id_typed_in_full_width_is_the_id_it_spells(run, journal):
    """A Chinese input method types ２６１１２０－ｈ１ｘｓｑｗ: `void` and
    `update` take it as the id."""
    greeted = rec(run, "09:00", "greet", "--route", "counter").stdout.strip()
    referred = rec(run, "09:10", "refer", "--product", "养老理财", "--to", "wealth-manager",
                   "--follow-up", "2026-11-25", "--via", "phone").stdout.strip()
    updated = rec(run, "09:20", "update", referred.translate(FULL_WIDTH), "--outcome", "accepted")
    assert f'"ref": "{referred}"' in day_file(journal, DAY).read_text(encoding="utf-8")
    assert updated.exit_code == 0
    voided = rec(run, "09:30", "void", greeted.translate(FULL_WIDTH).upper(), "--reason", "twice")
    assert f'"ref": "{greeted}"' in day_file(journal, DAY).read_text(encoding="utf-8")
    assert voided.exit_code == 0


ARABIC_INDIC = {code: code - 0x30 + 0x0660 for code in range(0x30, 0x3A)}


@pytest.mark.parametrize("digits", [FULL_WIDTH, ARABIC_INDIC])
def test_a_hand_edited_id_in_other_digits_is_no_id(run, journal, digits):
    """`\\d` took any Unicode digit, so `check` said a full-width ref "names
    the day 20２６-１１-２０, after this void's day": it is no id at all."""
    from lobbyctl.store.lines import dump_entry

    greeted = rec(run, "09:00", "greet", "--route", "counter").stdout.strip()
    odd = greeted[:6].translate(digits) + greeted[6:]
    with open(day_file(journal, DAY), "a", encoding="utf-8") as handle:
        handle.write(dump_entry({"id": "261120-aaaaaa", "type": "void", "by": "王芳",
                                 "at": f"{DAY}T09:30:00+08:00", "ref": odd, "reason": "x"}))
        handle.write(dump_entry({"id": odd[:6] + "-bbbbbb", "type": "greet", "by": "王芳",
                                 "at": f"{DAY}T09:40:00+08:00", "count": 1, "route": "counter"}))
    checked = run("--now", f"{DAY}T12:00", "check")
    assert checked.exit_code == 1
    assert f"2026-11-20.yaml:2: ref: '{odd}' is not an entry id" in checked.stdout
    assert f"2026-11-20.yaml:3: id: '{odd[:6]}-bbbbbb' is not an entry id" in checked.stdout
    # a void check refuses voids nothing: the greeting is still exported
    exported = run("--now", f"{DAY}T12:00", "export", "--skip-bad", "--format", "csv")
    assert exported.exit_code == 0, exported.stderr
    assert greeted in exported.stdout and "bbbbbb" not in exported.stdout


def test_show_parts_the_voided_mark_from_the_details(run, journal):
    greeted = rec(run, "09:00", "greet", "--route", "counter").stdout.strip()
    void = rec(run, "09:30", "void", greeted, "--reason", "twice").stdout.strip()
    shown = run("--now", f"{DAY}T12:00", "show", DAY, "--format", "csv")
    assert f"[voided by {void}: twice] 1×" in shown.stdout


def test_a_long_unbroken_text_stays_on_the_printed_page(tmp_path, run, journal):
    """A URL or pasted reference of 300 characters ran off the A4 page and
    was cut (pdftotext held only its first part): a cell with such a run
    may break anywhere, and every character is printed."""
    import re

    from test_print import call, pdf_info, pdf_text, printed, tool

    token = "https://example.com/" + "abcdefghij" * 30 + "END"
    rec(run, "09:00", "note", "fault", token, "--device", "ATM_" + token[:60])
    rec(run, "09:10", "note", "opinion", f"see {token}")
    html = run("--now", f"{DAY}T12:00", "report", "day", DAY, "--format", "html")
    assert html.exit_code == 0, html.stderr
    pdf = printed(tmp_path, html.stdout, "long")
    text = "".join(pdf_text(pdf).split())
    # the table's columns interleave in the text, but nothing is cut: the
    # token's last part, twice (the fault's description, the opinion)
    assert text.count("abcdefghijEND") == 2
    assert f"see{token}" in text  # the opinion's line, whole
    width = float(pdf_info(pdf)["Page size"].split()[0])
    boxes = call([tool("pdftotext"), "-bbox", str(pdf), "-"], text=True).stdout
    right = [float(edge) for edge in re.findall(r'xMax="([0-9.]+)"', boxes)]
    assert right and max(right) < width - 30  # inside the right margin (15 mm)
    # only such a cell breaks anywhere: short ids and times keep their columns
    assert 'class="text long"' in html.stdout and '<td class="text">' in html.stdout


def test_check_names_each_hostile_target_at_its_own_line(run, journal):
    """Names were found by matching lines as text: a quoted name with an
    escape, a key that is not text or a flow mapping over several lines
    was put at the `targets:` line.  Now each is at its key's line, and
    the form and recording go on."""
    config = journal / "lobbyctl.yaml"
    base = config.read_text(encoding="utf-8")
    first = base.count("\n") + 1  # the line `targets:` is on
    config.write_text(base + "targets:\n"
                      '  "\\u202ecustomers": 1\n'      # first + 1
                      '  "cust\\x1bomers": 2\n'        # first + 2
                      "  ? 1.5\n  : 2\n"               # first + 3
                      "  customers: 1e999\n"           # first + 5
                      "  referrals: {a: {b: 1}}\n"     # first + 6
                      "  grumbles: [\n    1]\n"        # first + 7
                      "  13812345678: 3\n"             # first + 9
                      "formal: {x: 1,\n"
                      "  y: 2}\n", encoding="utf-8")
    checked = run("check")
    assert checked.exit_code == 1
    lines = checked.stdout.splitlines()
    expected = {first + 1: "'\\u202ecustomers'", first + 2: "'cust\\x1bomers'",
                first + 3: "'1.5'", first + 5: "customers: inf is not a number",
                first + 6: "referrals: {'a': {'b': 1}} is not a number",
                first + 7: "grumbles: [1] is not a number", first + 9: "'138****5678'"}
    for line, words in expected.items():
        assert any(text.startswith(f"lobbyctl.yaml:{line}: targets: ") and words in text
                   for text in lines), (line, words, lines)
    assert "13812345678" not in checked.stdout
    assert rec(run, "09:00", "greet", "--route", "counter").exit_code == 0
    month = run("--now", f"{DAY}T12:00", "report", "month", "2026-11")
    assert month.exit_code == 0 and "problem(s) in targets" in month.stderr


def test_a_target_past_any_float_is_named_not_a_traceback(run, journal):
    """`customers: 1000…0` (401 digits) is a valid YAML int, and
    `math.isfinite` of it raised OverflowError: `check` and every format
    of the month form ended in a traceback."""
    config = journal / "lobbyctl.yaml"
    base = config.read_text(encoding="utf-8")
    line = base.count("\n") + 2
    config.write_text(base + "targets:\n  customers: 1" + "0" * 400
                      + "\n  referrals_min: " + "9" * 300 + "\n", encoding="utf-8")
    rec(run, "09:00", "greet", "--route", "counter")
    checked = run("check")
    assert checked.exit_code == 1
    assert checked.stdout.startswith(f"lobbyctl.yaml:{line}: targets: customers: 1000")
    assert "too large to compare" in checked.stdout
    assert f"lobbyctl.yaml:{line + 1}:" not in checked.stdout  # 10**300 is a number still
    for fmt in ("text", "markdown", "csv", "json", "xlsx", "html"):
        month = run("--now", f"{DAY}T12:00", "report", "month", "2026-11", "-f", fmt,
                    "-o", str(journal.parent / f"month.{fmt}"))
        assert month.exit_code == 0, (fmt, month.stderr)
        assert "1 problem(s) in targets" in month.stderr


def csv_value(text, section, table, row, column):
    """One value of a report's long-form CSV, or None."""
    import csv
    import io

    found = [line["value"] for line in csv.DictReader(io.StringIO(text))
             if (line["section"], line["table"], line["row"], line["column"])
             == (section, table, row, column)]
    return found[0] if found else None


def test_a_void_recorded_on_a_closed_day_makes_no_business_day(run, journal):
    """Voiding on Sunday the 22nd an entry of Friday the 20th made the 22nd
    a business day: the daily average halved and checklist compliance fell
    to 50% (a day never opened).  A void corrects another day; it is no
    day's work, in the month form or the same-weekday comparison."""
    rec(run, "08:30", "open", "--ok")
    wrong = rec(run, "09:00", "greet", "--count", "4", "--route", "counter").stdout.strip()
    rec(run, "09:10", "greet", "--count", "6", "--route", "counter")
    rec(run, "11:30", "close", "--ok")
    voided = run("--now", "2026-11-22T10:00", "void", wrong, "--reason", "not ours")
    assert voided.exit_code == 0, voided.stderr
    month = run("--now", "2026-11-30T18:00", "report", "month", "2026-11", "-f", "csv").stdout
    assert csv_value(month, "meta", "", "", "business_days") == "1"
    assert csv_value(month, "headline", "figures", "customers", "value") == "6"
    assert csv_value(month, "headline", "figures", "daily_average", "value") == "6"
    assert csv_value(month, "headline", "figures", "checklist_compliance", "value") == "1"
    # four weeks on, the Sunday the void was recorded is no Sunday at work
    assert run("--now", "2026-12-20T10:00", "greet", "--route", "counter").exit_code == 0
    day = run("--now", "2026-12-20T18:00", "report", "day", "2026-12-20", "-f", "csv").stdout
    assert csv_value(day, "customers", "summary", "", "same_weekdays_found") == "0"


def test_a_day_whose_only_entries_were_voided_is_no_day_at_work(run, journal):
    wrong = rec(run, "09:00", "greet", "--count", "4", "--route", "counter").stdout.strip()
    moved = run("--now", "2026-11-23T10:00", "void", wrong, "--reason", "recorded on the wrong day")
    assert moved.exit_code == 0, moved.stderr
    assert run("--now", "2026-11-27T10:00", "greet", "--route", "counter").exit_code == 0
    day = run("--now", "2026-11-27T18:00", "report", "day", "2026-11-27", "-f", "csv").stdout
    assert csv_value(day, "customers", "summary", "", "same_weekdays_found") == "0"


def test_an_update_of_a_voided_entry_is_voided_with_it_already(run, journal):
    """Voiding the update of a voided referral was accepted and recorded a
    second correction of nothing: the update went with its referral."""
    referred = rec(run, "09:00", "refer", "--product", "养老理财", "--to", "wealth-manager",
                   "--follow-up", "2026-11-25", "--via", "phone").stdout.strip()
    updated = rec(run, "09:10", "update", referred, "--outcome", "accepted").stdout.strip()
    void = rec(run, "09:20", "void", referred, "--reason", "wrong customer").stdout.strip()
    before = day_file(journal, DAY).read_bytes()
    again = run("--now", f"{DAY}T12:00", "void", updated, "--reason", "also wrong")
    assert again.exit_code == 1
    assert again.stderr.startswith(f"Error: {referred} was voided by {void} at ")
    assert day_file(journal, DAY).read_bytes() == before


def test_four_openings_at_once_after_a_voided_one_record_one(journal):
    """The count of openings is made under the day file's lock, through
    the one filter: after a voided opening, one of four racing `open`s
    is recorded and three are refused."""
    import os
    import subprocess

    from conftest import LOBBYCTL

    env = {**os.environ, "LOBBYCTL_JOURNAL": str(journal), "LOBBYCTL_NOW": f"{DAY}T12:00",
           "LOBBYCTL_BY": ""}

    def lobbyctl(*args):
        return subprocess.run([LOBBYCTL, *args], env=env, capture_output=True, text=True,
                              timeout=60)

    opened = lobbyctl("open", "--ok", "--at", "08:30").stdout.strip()
    assert lobbyctl("void", opened, "--reason", "wrong day", "--at", "08:40").returncode == 0
    racers = [subprocess.Popen([LOBBYCTL, "open", "--ok", "--at", "08:50"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(4)]
    results = [racer.communicate(timeout=60) + (racer.returncode,) for racer in racers]
    assert sorted(code for _, _, code in results) == [0, 1, 1, 1], results
    assert all("already opened" in err for _, err, code in results if code == 1)
    text = day_file(journal, DAY).read_text(encoding="utf-8")
    assert text.count('"type": "open"') == 2 and '"forced"' not in text
    assert lobbyctl("check").returncode == 0


def test_a_text_that_begins_with_a_colon_reads_back_in_a_long_day(run, journal):
    """Found by hypothesis in the full suite: once the canonical-line shape
    is compiled (2,000 lines read), a line whose text begins with ": " was
    taken for one with a key written twice and sent to the slow reader,
    which then judged the whole day not canonical.  It is proved by
    re-encoding instead."""
    from lobbyctl.store import lines

    lines._compile_plain()
    line = '- {"id": "261120-aaaaaa", "note": ": x"}'
    assert lines.parse_line(line) == {"id": "261120-aaaaaa", "note": ": x"}
    assert lines.parse_line('- {"id": "261120-aaaaaa", "id": "261120-bbbbbb"}') is None
    noted = rec(run, "09:00", "note", "other", ": 开头是冒号")
    shown = run("--now", f"{DAY}T12:00", "show", DAY, "--format", "json")
    assert noted.exit_code == 0 and ": 开头是冒号" in shown.stdout
