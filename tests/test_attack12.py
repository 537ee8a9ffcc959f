"""The adversarial round against issue 12 (the marketing process: outreach,
links, ratings, queue imports): each test a defect found through the CLI,
failing on the code it was found in."""

import json

import pytest

from conftest import day_file

NOW = {"LOBBYCTL_NOW": "2026-11-03T18:00"}
HEADER = "ticket,taken,called,start,end,staff,status\n"


def lines(root, day="2026-11-03"):
    path = day_file(root, day)
    return [json.loads(line[2:]) for line in path.read_text(encoding="utf-8").splitlines()]


def write(tmp_path, text, name="queue.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_number_glued_to_a_name_ending_in_a_chinese_digit_is_masked(run, journal, tmp_path):
    # 张三, 李四, 王五: a Chinese digit before the number must not hide it
    export = write(tmp_path, HEADER + "A001,2026-11-03 09:00:00,,,,张三13812345678,served\n"
                   "A002,2026-11-03 09:01:00,,,,李四110101199003077777,served\n")
    result = run("import", "queue", export, env=NOW)
    assert result.exit_code == 0, result.stderr
    text = day_file(journal, "2026-11-03").read_text(encoding="utf-8")
    assert "13812345678" not in text and "110101199003077777" not in text
    assert "张三138****5678" in text and "李四110***********7777" in text
    assert run("greet", "--note", "王五13912345678来电", env=NOW).exit_code == 0
    assert "13912345678" not in day_file(journal, "2026-11-03").read_text(encoding="utf-8")
    # a hand-edited line is masked where it leaves
    with open(day_file(journal, "2026-11-03"), "a", encoding="utf-8") as handle:
        handle.write('- {"id": "261103-zzzzzz", "type": "note", "at": "2026-11-03T10:00:00+08:00",'
                     ' "by": "王芳", "kind": "other", "text": "赵六13712345678"}\n')
    shown = run("show", "2026-11-03", env=NOW)
    assert shown.exit_code == 0, shown.stderr
    assert "13712345678" not in shown.stdout and "137****5678" in shown.stdout


TICKET = ('- {"id": "261103-t0000a", "type": "ticket", "at": "2026-11-03T09:30:00+08:00", '
          '"by": "王芳", "ticket": "A001", "called": "%s", "status": "served"}\n')


def test_a_ticket_called_before_it_was_taken_is_refused_by_check_and_every_reader(run, journal):
    path = day_file(journal, "2026-11-03")
    path.parent.mkdir(parents=True)
    path.write_text(TICKET % "2026-11-03T09:10:00+08:00", encoding="utf-8")
    path.chmod(0o600)
    checked = run("check", env=NOW)
    assert checked.exit_code == 1
    assert "2026/11/2026-11-03.yaml:1:" in checked.stdout + checked.stderr
    assert "called" in checked.stdout + checked.stderr
    for reader in (("show", "2026-11-03"), ("report", "day", "2026-11-03"),
                   ("report", "month", "2026-11"), ("export",)):
        result = run(*reader, env=NOW)
        assert result.exit_code == 1, reader
        assert "2026-11-03.yaml:1:" in result.stderr, reader
        skipped = run(*reader, "--skip-bad", env=NOW)
        assert skipped.exit_code == 0, (reader, skipped.stderr)
        assert "2026-11-03.yaml:1:" in skipped.stderr, reader
    # the same ticket called after it was taken is clean
    path.write_text(TICKET % "2026-11-03T09:40:00+08:00", encoding="utf-8")
    assert run("check", env=NOW).exit_code == 0
    # a service ended before it began
    path.write_text(TICKET.replace('"called": "%s"', '"start": "2026-11-03T09:50:00+08:00", '
                                   '"end": "2026-11-03T09:45:00+08:00"'), encoding="utf-8")
    checked = run("check", env=NOW)
    assert checked.exit_code == 1 and "end" in checked.stdout + checked.stderr


def refer_line(greet, at="2026-11-03T10:00:00+08:00"):
    return ('- {"id": "261103-r0000a", "type": "refer", "at": "%s", "by": "王芳", '
            '"product": "基金", "outcome": "pending", "greet": "%s"}\n' % (at, greet))


def test_a_referrals_greet_is_judged_as_every_link_is(run, journal):
    greet = run("greet", "--at", "2026-11-03 11:00", env=NOW).stdout.strip()
    note = run("note", "other", "便签", "--at", "2026-11-03 09:00", env=NOW).stdout.strip()
    path = day_file(journal, "2026-11-03")
    before = path.read_bytes()
    # recording: a greeting timed after the referral is refused, nothing written
    early = run("refer", "--product", "基金", "--greet", greet, "--at", "2026-11-03 10:00", env=NOW)
    assert early.exit_code == 2 and "--greet" in early.stderr
    assert path.read_bytes() == before
    assert run("refer", "--product", "基金", "--greet", note, env=NOW).exit_code == 2
    # by hand: nowhere, the wrong kind, a greeting recorded after it
    for target, said in (("261103-nowher", "261103-nowher"), (note, "note"), (greet, greet)):
        path.write_bytes(before + refer_line(target).encode())
        checked = run("check", env=NOW)
        assert checked.exit_code == 1, target
        out = checked.stdout + checked.stderr
        assert "2026-11-03.yaml:3:" in out and "greet" in out and said in out, out
        shown = run("show", "2026-11-03", env=NOW)
        assert shown.exit_code == 1 and "2026-11-03.yaml:3:" in shown.stderr
    path.write_bytes(before + refer_line(greet, "2026-11-03T11:30:00+08:00").encode())
    assert run("check", env=NOW).exit_code == 0


def update_line(ref, extra, at="2026-11-03T12:00:00+08:00", suffix="w0000a"):
    return ('- {"id": "261103-%s", "type": "update", "at": "%s", "by": "王芳", "ref": "%s", %s}\n'
            % (suffix, at, ref, extra))


def test_a_satisfaction_check_off_a_sale_is_reported_and_counted_nowhere(run, journal):
    refer = run("refer", "--product", "基金", "--at", "2026-11-03 10:00", env=NOW).stdout.strip()
    path = day_file(journal, "2026-11-03")
    before = path.read_bytes()
    path.write_bytes(before + update_line(refer, '"satisfaction": "very-satisfied"').encode())
    checked = run("check", env=NOW)
    assert checked.exit_code == 1
    out = checked.stdout + checked.stderr
    assert "2026-11-03.yaml:2:" in out and "satisfaction" in out, out
    month = run("report", "month", "2026-11", "--format", "json", env=NOW)
    assert month.exit_code == 0, month.stderr
    assert "very-satisfied" not in month.stdout
    exported = run("export", "--type", "refer", env=NOW)
    assert json.loads(exported.stdout)["satisfaction"] is None
    # accepted first (an update earlier that day), then checked: clean, and counted
    path.write_bytes(before + update_line(refer, '"outcome": "accepted"', "2026-11-03T11:00:00+08:00",
                                          "w0000b").encode()
                     + update_line(refer, '"satisfaction": "very-satisfied"').encode())
    checked = run("check", env=NOW)
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    exported = run("export", "--type", "refer", env=NOW)
    assert json.loads(exported.stdout)["satisfaction"] == "very-satisfied"
    # the sale voided: the check is off a sale again
    void = run("void", "261103-w0000b", "--reason", "记错", env=NOW)
    assert void.exit_code == 0, void.stderr
    checked = run("check", env=NOW)
    assert checked.exit_code == 1 and "2026-11-03.yaml:3:" in checked.stdout + checked.stderr
    exported = run("export", "--type", "refer", env=NOW)
    assert json.loads(exported.stdout)["satisfaction"] is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_summarises_tickets_outreach_and_ratings_in_a_line(run, tmp_path, lang):
    assert run("init", "--branch-code", "0101", "--branch-name", "城东支行", "--lang", lang,
               "--manager", "王芳").exit_code == 0
    rows = (HEADER.replace("staff", "window,staff") +
            "A001,2026-11-03 09:00:00,2026-11-03 09:05:00,2026-11-03 09:06:00,"
            "2026-11-03 09:10:00,1,张三,served\n")
    assert run("import", "queue", write(tmp_path, rows), env=NOW).exit_code == 0
    assert run("outreach", "--at", "14:00", "--scene", "community", "--venue", "阳光社区",
               "--staff", "李娜", "--leads", "8", env=NOW).exit_code == 0
    assert run("rate", "--at", "15:00", "--result", "satisfied", "--count", "5",
               "--teller", "陈静", env=NOW).exit_code == 0
    shown = run("show", "2026-11-03", env={**NOW, "COLUMNS": "400"})
    assert shown.exit_code == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    assert "2026-11-03T" not in text  # times as a clock, not as stored
    if lang == "zh":
        assert "叫号时间 09:05（等候 5 分钟）" in text and "办结时间 09:10" in text
        assert "柜员：张三" in text and "已办结" in text and "在岗人员" not in text
        assert "营销人员：李娜" in text and "意向客户：8" in text
        assert "满意 ×5" in text and "柜员：陈静" in text
    else:
        assert "called 09:05 (waited 5 min)" in text and "teller: 张三" in text
        assert "Served" in text and "staff on duty" not in text.lower()
        assert "staff: 李娜" in text and "Satisfied ×5" in text


def test_skip_bad_with_every_row_bad_fails_and_a_header_only_says_so(run, journal, tmp_path):
    bad = write(tmp_path, "ticket,taken,status\nA1,2026-11-03 09:00,lost\nA2,x,served\n")
    result = run("import", "queue", bad, "--skip-bad", env=NOW)
    assert result.exit_code == 1
    assert "queue.csv:2:" in result.stderr and "queue.csv:3:" in result.stderr
    assert "都读不了" in result.stderr and "已在日志中" not in result.stderr
    assert not day_file(journal, "2026-11-03").exists()
    header = write(tmp_path, "ticket,taken,status\r\n", "header.csv")
    result = run("import", "queue", header, env=NOW)
    assert result.exit_code == 0 and "只有表头" in result.stderr


def test_a_utf8_bom_before_gb18030_text_is_not_part_of_the_header(run, journal, tmp_path):
    path = tmp_path / "bom-gbk.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "ticket,taken,status\r\nA1,2026-11-03 09:00,已办结\r\n"
                     .encode("gb18030"))
    result = run("import", "queue", path, env=NOW)
    assert result.exit_code == 0, result.stderr
    assert [entry["status"] for entry in lines(journal)] == ["served"]


def near_the_cap(path, room):
    """A day file of notes ``room`` bytes short of the 16 MiB cap."""
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    chunks, size, number = [], 0, 0
    limit = 16 * 1024 * 1024 - room
    while True:
        suffix = "".join(alphabet[(number >> shift) & 31] for shift in (25, 20, 15, 10, 5, 0))
        line = ('- {"id": "261103-%s", "type": "note", "at": "2026-11-03T09:00:00+08:00", '
                '"by": "王芳", "kind": "other", "text": "' % suffix)
        tail = '"}\n'
        pad = min(300, limit - size - len(line.encode()) - len(tail))
        if pad < 1:
            break
        chunk = line + "x" * pad + tail
        chunks.append(chunk)
        size += len(chunk.encode())
        number += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(chunks), encoding="utf-8")
    path.chmod(0o600)


def test_an_export_that_would_overfill_one_day_writes_no_day_at_all(run, journal, tmp_path):
    full = day_file(journal, "2026-11-03")
    near_the_cap(full, 600)
    before = full.read_bytes()
    rows = "".join(f"A{n},2026-11-03 09:{n:02d},served\n" for n in range(10))
    export = write(tmp_path, "ticket,taken,status\nB1,2026-11-02 09:00,served\n" + rows)
    result = run("import", "queue", export, env=NOW)
    assert result.exit_code == 1
    assert "2026-11-03.yaml:1:" in result.stderr and "整个文件都未导入" in result.stderr
    assert full.read_bytes() == before
    assert not day_file(journal, "2026-11-02").exists()  # the other day is not half done
    # what fits still goes in
    assert run("import", "queue", write(tmp_path, "ticket,taken,status\n"
                                        "B1,2026-11-03 09:00,served\n", "one.csv"),
               env=NOW).exit_code == 0


def month_section(run, name):
    result = run("report", "month", "2026-11", "--format", "json", env=NOW)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["sections"][name]


def test_a_link_into_a_voided_entry_leads_nowhere_for_every_reader(run, journal):
    outreach = run("outreach", "--at", "09:00", "--scene", "community", "--venue", "社区",
                   env=NOW).stdout.strip()
    assert run("greet", "--count", "3", "--lead", outreach, "--at", "10:00", env=NOW).exit_code == 0
    first = run("refer", "--product", "基金", "--at", "10:10", env=NOW).stdout.strip()
    second = run("refer", "--product", "保险", "--lead", outreach, "--after", first,
                 "--at", "10:20", env=NOW).stdout.strip()
    summary = month_section(run, "outreach")["summary"]
    assert (summary["brought_in"], summary["lead_referrals"]) == (3, 1)
    assert run("void", outreach, "--reason", "录错", env=NOW).exit_code == 0
    assert run("void", first, "--reason", "录错", env=NOW).exit_code == 0
    assert run("check", env=NOW).exit_code == 0  # voiding an outreach wrongs no greeting
    section = month_section(run, "outreach")
    assert section["empty"] is True and "summary" not in section  # nothing led in by a void
    rows = [json.loads(line) for line in run("export", env=NOW).stdout.splitlines()]
    greet = next(row for row in rows if row["type"] == "greet")
    assert greet["count"] == 3 and greet["lead"] is None  # still greeted, led by nothing
    kept = next(row for row in rows if row["id"] == second)
    assert kept["lead"] is None and kept["after"] is None  # now a first cross-sell
    steps = {row["step"]: row["chains"] for row in month_section(run, "funnel")["steps"]["rows"]}
    assert steps["first_made"] == 1


LOOP = ('- {"id": "261103-aaaaaa", "type": "refer", "at": "2026-11-03T10:00:00+08:00", "by": "王芳", '
        '"product": "基金", "outcome": "accepted", "after": "261103-bbbbbb"}\n'
        '- {"id": "261103-bbbbbb", "type": "refer", "at": "2026-11-03T10:00:00+08:00", "by": "王芳", '
        '"product": "保险", "outcome": "pending", "after": "261103-aaaaaa"}\n')


def test_a_loop_of_links_at_one_instant_is_refused_by_check_and_every_reader(run, journal):
    path = day_file(journal, "2026-11-03")
    path.parent.mkdir(parents=True)
    path.write_text(LOOP, encoding="utf-8")
    path.chmod(0o600)
    checked = run("check", env=NOW)
    assert checked.exit_code == 1
    out = checked.stdout + checked.stderr
    assert "2026-11-03.yaml:1:" in out and "261103-bbbbbb" in out
    assert "2026-11-03.yaml:2:" not in out  # the link up the file is fine
    for reader in (("show", "2026-11-03"), ("report", "month", "2026-11"), ("export",), ("due",)):
        for _twice in range(2):  # the second run from the day cache
            result = run(*reader, env=NOW)
            assert result.exit_code == 1 and "2026-11-03.yaml:1:" in result.stderr, reader
    # an update at its referral's very instant, written above it
    path.write_text(update_line("261103-aaaaaa", '"outcome": "declined"',
                                "2026-11-03T10:00:00+08:00") + LOOP.splitlines(True)[0]
                    .replace(', "after": "261103-bbbbbb"', ""), encoding="utf-8")
    checked = run("check", env=NOW)
    assert checked.exit_code == 1 and "2026-11-03.yaml:1:" in checked.stdout + checked.stderr


def test_an_unknown_setting_in_the_queue_map_is_a_message_not_a_traceback(run, journal, tmp_path):
    with open(journal / "lobbyctl.yaml", "a", encoding="utf-8") as handle:
        handle.write("queue:\n  columns: {ticket: 票号, taken: 取号时间, status: 状态}\n"
                     "  colours: {x: y}\n")
    checked = run("check", env=NOW)
    assert checked.exit_code == 1
    assert "lobbyctl.yaml:" in checked.stdout and "'colours'" in checked.stdout
    export = write(tmp_path, "票号,取号时间,状态\nA1,2026-11-03 09:00,served\n")
    result = run("import", "queue", export, env=NOW)
    assert result.exit_code == 1 and "lobbyctl.yaml:" in result.stderr and "'colours'" in result.stderr
    assert not day_file(journal, "2026-11-03").exists()


def test_a_full_day_is_said_in_the_journals_language_alone(run, journal):
    near_the_cap(day_file(journal, "2026-11-03"), 300)
    result = run("greet", "--note", "x" * 1000, env=NOW)
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：") and "Error" not in result.stderr


def test_a_value_opening_with_colon_space_is_a_canonical_line():
    """The example hypothesis found in test_interop (the key count saw
    ': ' in the value as a second key): such a line is canonical."""
    from lobbyctl.store.dayfile import parse_day
    from lobbyctl.store import lines as canonical
    from lobbyctl.store.lines import dump_entry, parse_line

    canonical._compile_plain()  # the shape test, as a long day file is read
    entries = [{"id": None}, {"id": ": x"}, {"note": "x", "by": ": y: z"}]
    lines = [dump_entry(entry) for entry in entries]
    assert [parse_line(line[:-1]) for line in lines] == entries
    day = parse_day("day.yaml", "".join(lines).encode())
    assert day.entries == entries and day.canonical


def test_a_ticket_called_years_after_it_was_taken_is_refused(run, journal, tmp_path):
    export = write(tmp_path, "ticket,taken,called,status\n"
                   "A1,2026-11-03 09:00,2099-11-03 09:05,served\n")
    result = run("import", "queue", export, env=NOW)
    assert result.exit_code == 1 and "queue.csv:2:" in result.stderr and "called" in result.stderr
    assert not day_file(journal, "2026-11-03").exists()
    # typed by hand: check and every reader refuse it, the mean wait never sees it
    path = day_file(journal, "2026-11-03")
    path.parent.mkdir(parents=True)
    path.write_text(TICKET % "2099-11-03T09:35:00+08:00", encoding="utf-8")
    path.chmod(0o600)
    checked = run("check", env=NOW)
    assert checked.exit_code == 1 and "2026-11-03.yaml:1:" in checked.stdout
    month = run("report", "month", "2026-11", env=NOW)
    assert month.exit_code == 1 and "2026-11-03.yaml:1:" in month.stderr
    path.write_text(TICKET % "2026-11-03T17:35:00+08:00", encoding="utf-8")
    assert run("check", env=NOW).exit_code == 0


def test_a_satisfaction_check_typed_before_the_sale_is_refused_when_recorded(run, journal):
    refer = run("refer", "--product", "基金", "--at", "10:00", env=NOW).stdout.strip()
    assert run("update", refer, "--outcome", "accepted", "--at", "15:00", env=NOW).exit_code == 0
    path = day_file(journal, "2026-11-03")
    before = path.read_bytes()
    early = run("update", refer, "--satisfaction", "satisfied", "--at", "12:00", env=NOW)
    assert early.exit_code == 2 and "--satisfaction" in early.stderr
    assert path.read_bytes() == before
    assert run("update", refer, "--satisfaction", "satisfied", "--at", "15:00", env=NOW).exit_code == 0
    assert run("check", env=NOW).exit_code == 0  # what recording accepts, check accepts


def test_a_ticket_called_in_the_hour_the_clocks_repeat(run, tmp_path):
    """Taken at 01:30 summer time, called at 01:10 winter time, 40 minutes
    later: the import takes the second 01:10, the figures and show count
    40 minutes (not a wait below zero, left out)."""
    assert run("init", "--branch-code", "0101", "--branch-name", "伦敦", "--manager", "王芳",
               "--timezone", "Europe/London").exit_code == 0
    export = write(tmp_path, "ticket,taken,called,status\n"
                   "A1,2026-10-25 01:30,2026-10-25 01:10,served\n"
                   "A2,2026-10-25 00:50,2026-10-25 01:40,served\n")
    result = run("import", "queue", export, env=NOW)
    assert result.exit_code == 0, result.stderr
    found = {entry["ticket"]: entry for entry in lines(run.root, "2026-10-25")}
    assert found["A1"]["called"] == "2026-10-25T01:10:00+00:00"
    assert found["A2"]["called"] == "2026-10-25T01:40:00+01:00"
    assert run("check", env=NOW).exit_code == 0
    day = run("report", "day", "2026-10-25", "--format", "json", env=NOW)
    assert day.exit_code == 0, day.stderr
    summary = json.loads(day.stdout)["sections"]["queue"]["summary"]
    assert (summary["mean_wait"], summary["wait_max"]) == (45.0, 50.0)
    shown = run("show", "2026-10-25", env={**NOW, "COLUMNS": "400"})
    assert "等候 40 分钟" in shown.stdout and "等候 50 分钟" in shown.stdout
