"""`lobbyctl import queue FILE.csv`: a queue machine's tickets as entries,
the `queue:` map of lobbyctl.yaml judged by `check`, and the queue figures
of both forms, checked by hand on a small export."""

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import LOBBYCTL, day_file, subprocess_run

NOW = {"LOBBYCTL_NOW": "2026-11-03T18:00"}
REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "journal"
HEADER = "ticket,business,taken,called,start,end,window,staff,status,rating\n"
# waits 4, 17 and 12 min; A001 served in 6.5 min at window 1, A003 in 8 at window 2
ROWS = ("A001,deposit,2026-10-15 09:01:00,2026-10-15 09:05:00,2026-10-15 09:05:30,"
        "2026-10-15 09:12:00,1,陈静,served,satisfied\n"
        "A002,transfer,2026-10-15 09:03:00,2026-10-15 09:20:00,,,2,,no-show,\n"
        "A003,card,2026-10-15 09:40:00,2026-10-15 09:52:00,2026-10-15 09:52:00,"
        "2026-10-15 10:00:00,2,刘洋,served,dissatisfied\n"
        "A004,deposit,2026-10-15 09:45:00,,,,,,cancelled,\n")
CHINESE_MAP = """queue:
  columns: {ticket: 票号, business: 业务类型, taken: 取号时间, called: 叫号时间, start: 开始办理时间, end: 办结时间, window: 窗口, staff: 柜员, status: 状态, rating: 评价}
  time_formats: ["%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M"]
  values:
    business: {个人存款: deposit, 转账汇款: transfer}
    status: {已办结: served, 过号: no-show, 取消: cancelled, 转移: transferred}
    rating: {非常满意: very-satisfied, 满意: satisfied, 一般: basic, 不满意: dissatisfied}
"""
CHINESE_CSV = ("票号,业务类型,取号时间,叫号时间,开始办理时间,办结时间,窗口,柜员,状态,评价\r\n"
               "A001,个人存款,2026/10/15 09:01,2026/10/15 09:06,2026/10/15 09:06,"
               "2026/10/15 09:20,3号窗口,陈静,已办结,非常满意\r\n"
               "A002,转账汇款,2026-10-15 09:02:10,,,,,,过号,\r\n")


# the README's generic example
ENGLISH_MAP = """queue:
  columns: {ticket: Ticket, business: Service, taken: Issued, called: Called, start: Served from, end: Served to, window: Counter, staff: Staff ID, status: Outcome, rating: Feedback}
  time_formats: ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"]
  values:
    business: {Cash deposit: deposit, Money transfer: transfer, Enquiry: inquiry}
    status: {Served: served, No show: no-show, Cancelled: cancelled, Transferred: transferred}
    rating: {Excellent: very-satisfied, Good: satisfied, Fair: basic, Poor: dissatisfied}
"""
ENGLISH_CSV = ("Ticket,Service,Issued,Called,Served from,Served to,Counter,Staff ID,Outcome,Feedback\n"
               "B017,Money transfer,15/10/2026 14:02:09,15/10/2026 14:09,15/10/2026 14:09,"
               "15/10/2026 14:16,4,E1043,Served,Poor\n")


def export(tmp_path, text, name="queue.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def tickets(root, day="2026-10-15"):
    path = day_file(root, day)
    if not path.exists():
        return []
    return [json.loads(line[2:]) for line in path.read_text(encoding="utf-8").splitlines()
            if '"type": "ticket"' in line]


def add_config(root, text):
    with open(root / "lobbyctl.yaml", "a", encoding="utf-8") as handle:
        handle.write(text)


def test_an_export_with_lobbyctls_own_column_names(run, journal, tmp_path):
    path = export(tmp_path, HEADER + ROWS)
    result = run("import", "queue", path, env=NOW)
    assert result.exit_code == 0, result.stderr
    assert "已从" in result.stderr and "导入 4 张票号" in result.stderr
    found = tickets(journal)
    assert [entry["ticket"] for entry in found] == ["A001", "A002", "A003", "A004"]
    first = found[0]
    assert first["at"] == "2026-10-15T09:01:00+08:00"  # the journal's zone
    assert (first["called"], first["start"], first["end"]) == (
        "2026-10-15T09:05:00+08:00", "2026-10-15T09:05:30+08:00", "2026-10-15T09:12:00+08:00")
    assert (first["business"], first["window"], first["staff"], first["status"],
            first["rating"]) == ("deposit", "1", "陈静", "served", "satisfied")
    assert "called" not in found[3] and "window" not in found[3]  # a missing cell: no field
    assert run("check").exit_code == 0


def test_importing_twice_adds_nothing_and_says_so(run, journal, tmp_path):
    path = export(tmp_path, HEADER + ROWS)
    assert run("import", "queue", path, env=NOW).exit_code == 0
    before = day_file(journal, "2026-10-15").read_bytes()
    again = run("import", "queue", path, env=NOW)
    assert again.exit_code == 0, again.stderr
    assert "没有新内容" in again.stderr and "4 张票号都已在日志中" in again.stderr
    assert day_file(journal, "2026-10-15").read_bytes() == before
    # a longer export of the same day: only the new ticket is added
    longer = export(tmp_path, HEADER + ROWS + "A005,deposit,2026-10-15 11:00:00,,,,,,served,\n",
                    "longer.csv")
    result = run("import", "queue", longer, env=NOW)
    assert "导入 1 张票号" in result.stderr and "4 张票号已在日志中" in result.stderr
    assert len(tickets(journal)) == 5


def test_a_chinese_vendors_map_and_encodings(run, journal, tmp_path):
    add_config(journal, CHINESE_MAP)
    assert run("check").exit_code == 0
    for encoding, name in (("utf-8-sig", "bom.csv"), ("gb18030", "gbk.csv")):
        path = export(tmp_path, CHINESE_CSV, name, encoding)
        result = run("import", "queue", path, env=NOW)
        assert result.exit_code == 0, (encoding, result.stderr)
    found = tickets(journal)
    assert len(found) == 2  # the second encoding found both already there
    assert (found[0]["business"], found[0]["status"], found[0]["rating"], found[0]["end"]) == \
        ("deposit", "served", "very-satisfied", "2026-10-15T09:20:00+08:00")
    assert found[1]["status"] == "no-show" and found[1]["at"] == "2026-10-15T09:02:10+08:00"
    gbk = export(tmp_path, CHINESE_CSV.replace("A001", "B001"), "given.csv", "gb18030")
    assert run("import", "queue", gbk, "--encoding", "gb18030", env=NOW).exit_code == 0
    wrong = run("import", "queue", gbk, "--encoding", "utf-8", env=NOW)
    assert wrong.exit_code == 1 and "given.csv:1:" in wrong.stderr


def test_the_readmes_english_example(run, journal, tmp_path):
    add_config(journal, ENGLISH_MAP)
    assert run("check").exit_code == 0
    result = run("import", "queue", export(tmp_path, ENGLISH_CSV), env=NOW)
    assert result.exit_code == 0, result.stderr
    (ticket,) = tickets(journal)
    assert (ticket["at"], ticket["called"], ticket["business"], ticket["staff"],
            ticket["status"], ticket["rating"]) == (
        "2026-10-15T14:02:09+08:00", "2026-10-15T14:09:00+08:00", "transfer", "E1043",
        "served", "dissatisfied")


def test_a_bad_row_is_named_and_nothing_is_written(run, journal, tmp_path):
    text = (HEADER + ROWS + "A005,deposit,yesterday,,,,,,served,\n"
            + "A006,deposit,2026-10-16 09:00:00,,,,,,lost,\n")
    path = export(tmp_path, text)
    result = run("import", "queue", path, env=NOW)
    assert result.exit_code == 1
    assert f"{path}:6: 列 taken：'yesterday' 不是 queue.time_formats 里的时间" in result.stderr
    assert f"{path}:7: 列 status：'lost' 不在 queue.values.status 里" in result.stderr
    assert "整个文件都未导入" in result.stderr and "Traceback" not in result.stderr
    assert not list(journal.glob("2026/**/*.yaml"))
    skipped = run("import", "queue", path, "--skip-bad", env=NOW)
    assert skipped.exit_code == 0, skipped.stderr
    assert "2 行未导入" in skipped.stderr and f"{path}:7:" in skipped.stderr
    assert len(tickets(journal)) == 4 and not day_file(journal, "2026-10-16").exists()


@pytest.mark.parametrize("row, said", [
    ("A9,deposit,2026-10-15 09:00:00,2026-10-15 08:00:00,,,,,served,", "早于取号时间"),
    ("A9,deposit,2026-10-15 09:00:00,,2026-10-15 09:30:00,2026-10-15 09:10:00,,,served,",
     "早于开始办理"),
    (",deposit,2026-10-15 09:00:00,,,,,,served,", "列 ticket 是空的"),
    ("A9,deposit,2026-10-15 09:00:00,,,,,,,", "列 status 是空的"),
    ("A9,pension,2026-10-15 09:00:00,,,,,,served,", "queue.values.business"),
    ("A9,deposit,2026-10-15 09:00:00,,,,,,served,superb", "queue.values.rating"),
    ("A9\x1b[31m,deposit,2026-10-15 09:00:00,,,,,,served,", "控制字符"),
    ("A9,deposit,2026-02-30 09:00:00,,,,,,served,", "不是 queue.time_formats"),
    ("A9,deposit,1999-12-31 09:00:00,,,,,,served,", "超出日志记录的年份"),
    ("A9,deposit,2026-11-05 09:00:00,,,,,,served,", "晚于现在一天以上"),
    ("A9,deposit,2026-10-15T09:00:00+05:00,,,,,,served,", None),
])
def test_each_kind_of_bad_row(run, journal, tmp_path, row, said):
    result = run("import", "queue", export(tmp_path, HEADER + row + "\n"), env=NOW)
    if said is None:  # an ISO time with its offset is that instant, in the journal's zone
        assert result.exit_code == 0, result.stderr
        assert tickets(run.root)[0]["at"] == "2026-10-15T12:00:00+08:00"
        return
    assert result.exit_code == 1 and ":2: " in result.stderr and said in result.stderr, result.stderr
    assert "\x1b" not in result.stderr


def test_a_missing_required_column_or_file(run, journal, tmp_path):
    no_status = export(tmp_path, "ticket,taken\nA1,2026-10-15 09:00:00\n")
    result = run("import", "queue", no_status, env=NOW)
    assert result.exit_code == 1 and f"{no_status}:1: 表头没有 status 所需的列 'status'" in result.stderr
    only = export(tmp_path, "ticket,taken,status\nA1,2026-10-15 09:00:00,served\n", "only.csv")
    assert run("import", "queue", only, env=NOW).exit_code == 0  # optional columns may be missing
    for path, said in ((tmp_path / "absent.csv", "不能读取"), (tmp_path, "目录"),
                       (export(tmp_path, "", "empty.csv"), "没有表头行"),
                       (export(tmp_path, "\n\n", "blank.csv"), "没有表头行")):
        result = run("import", "queue", path, env=NOW)
        assert result.exit_code in (1, 2) and said in result.stderr, (path, result.stderr)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"ticket,taken,status\n\xff\xfe\x00\x81\x30\n")
    result = run("import", "queue", binary, env=NOW)
    assert result.exit_code == 1 and "Traceback" not in result.stderr


def test_a_fifo_does_not_hang(run, journal, tmp_path):
    fifo = tmp_path / "queue.csv"
    os.mkfifo(fifo)
    result = subprocess_run(["-J", journal, "import", "queue", fifo], timeout=20,
                            env={**os.environ, **NOW})
    assert result.returncode == 2 and "不是普通文件" in result.stderr


def test_a_huge_field_is_a_message(run, journal, tmp_path):
    path = export(tmp_path, HEADER + "A1," + "x" * 200_000 + ",2026-10-15 09:00:00,,,,,,served,\n")
    result = run("import", "queue", path, env=NOW)
    assert result.exit_code == 1 and f"{path}:2:" in result.stderr and "CSV" in result.stderr


def test_too_many_rows_is_a_message_not_a_memory_blow_up(run, journal, tmp_path):
    rows = "A1,,2026-10-15 09:00:00,,,,,,served,\n" * 100_001
    path = export(tmp_path, HEADER + rows)
    result = run("import", "queue", path, env=NOW)
    assert result.exit_code == 1 and f"{path}:100002: 超过 100000 行" in result.stderr
    assert not list(journal.glob("2026/**/*.yaml"))


def test_staff_numbers_are_masked(run, journal, tmp_path):
    path = export(tmp_path, HEADER + "A1,,2026-10-15 09:00:00,,,,1,刘洋13812345678,served,\n")
    result = run("import", "queue", path, env=NOW)
    assert result.exit_code == 0 and "已遮蔽 1 处" in result.stderr
    assert tickets(journal)[0]["staff"] == "刘洋138****5678"


def test_a_closed_day_takes_its_tickets_without_the_back_fill_warning(run, journal, tmp_path):
    assert run("close", "--ok", "--at", "2026-10-15T17:30", env=NOW).exit_code == 0
    result = run("import", "queue", export(tmp_path, HEADER + ROWS), env=NOW)
    assert result.exit_code == 0 and "补记" not in result.stderr
    assert len(tickets(journal)) == 4 and run("check").exit_code == 0


def test_times_are_the_journals_zone(run, tmp_path):
    assert run("init", "--manager", "Ann", "--timezone", "America/New_York").exit_code == 0
    path = export(tmp_path, HEADER + "A1,,2026-03-09 09:00:00,,,,,,served,\n"
                  "A2,,2026-03-08 02:30:00,,,,,,served,\n")
    result = run("import", "queue", path, env=NOW)
    assert result.exit_code == 1 and ":3: " in result.stderr and "America/New_York" in result.stderr
    assert run("import", "queue", path, "--skip-bad", env=NOW).exit_code == 0
    assert tickets(run.root, "2026-03-09")[0]["at"] == "2026-03-09T09:00:00-04:00"


def test_check_judges_the_queue_map_in_both_languages(run, journal):
    base = len((journal / "lobbyctl.yaml").read_text(encoding="utf-8").splitlines())
    add_config(journal, "service_level_minutes: 0\nqueue:\n"
                        "  columns: {ticket: 票号, bogus: 某列, taken: 取号时间}\n"
                        "  time_formats: [\"%H\"]\n  values:\n    status: {已办结: done}\n")
    result = run("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"lobbyctl.yaml:{base + 1}: service_level_minutes：0 不是 1–240 的整数分钟" in lines
    assert any(line.startswith(f"lobbyctl.yaml:{base + 3}: queue.columns：'bogus' 不是票号记录的字段")
               for line in lines)
    assert any(line.startswith(f"lobbyctl.yaml:{base + 3}: queue.columns：缺少必需的 status") for line in lines)
    assert any(line.startswith(f"lobbyctl.yaml:{base + 4}: queue.time_formats：'%H'") for line in lines)
    assert any(line.startswith(f"lobbyctl.yaml:{base + 6}: queue.values.status：'已办结' 映射到的 'done' 不是")
               for line in lines)
    text = (journal / "lobbyctl.yaml").read_text(encoding="utf-8").replace('lang: "zh"', 'lang: "en"')
    (journal / "lobbyctl.yaml").write_text(text, encoding="utf-8")
    english = run("check").stdout
    assert f"lobbyctl.yaml:{base + 6}: queue.values.status: '已办结' maps to 'done', not a ticket-status key" \
        in english
    refused = run("import", "queue", "whatever.csv", env=NOW)
    assert refused.exit_code == 1 and f"lobbyctl.yaml:{base + 1}:" in refused.stderr
    # the day's recording is not stopped by a slip in the map
    assert run("greet", env=NOW).exit_code == 0


def imported_journal(run, tmp_path, extra=""):
    path = export(tmp_path, HEADER + ROWS)
    assert run("import", "queue", path, env=NOW).exit_code == 0
    # a day with greet waits only (5 and 3x9 min), and one greeting on the ticket day
    run("greet", "--wait", "5", "--at", "2026-10-16T10:00", env=NOW)
    run("greet", "--wait", "9", "--count", "3", "--at", "2026-10-16T10:10", env=NOW)
    run("greet", "--wait", "30", "--at", "2026-10-15T10:00", env=NOW)


def test_the_queue_figures_by_hand(run, journal, tmp_path):
    imported_journal(run, tmp_path)
    result = run("report", "day", "2026-10-15", "--format", "json", env=NOW)
    assert result.exit_code == 0, result.stderr
    form = json.loads(result.stdout)["sections"]
    queue = form["queue"]["summary"]
    assert (queue["tickets"], queue["served"], queue["no_shows"], queue["cancelled"]) == (4, 2, 1, 1)
    assert queue["no_show_rate"] == 0.25              # 1 of 4 taken
    assert queue["service_level"] == 1 / 3            # 4 of the waits 4, 17, 12 within 10
    assert queue["mean_wait"] == 11.0                 # (4 + 17 + 12) / 3
    assert queue["wait_max"] == 17
    assert queue["peak_slot"] == "09:00–09:30"        # 2 taken, against 2 in 09:30 (earliest wins)
    assert queue["mean_service"] == 7.2               # (6.5 + 8) / 2 = 7.25, one place
    assert (queue["ticket_ratings"], queue["ticket_satisfaction"]) == (2, 0.5)
    assert form["queue"]["by_window"]["rows"] == [
        {"window": "1", "tickets": 1, "served": 1, "mean_service": 6.5},
        {"window": "2", "tickets": 2, "served": 1, "mean_service": 8.0},
        {"window": None, "tickets": 1, "served": 0, "mean_service": None}]
    # the day's waits come from its tickets, not from the greeting's 30 minutes
    customers = form["customers"]["summary"]
    assert (customers["wait_recorded"], customers["wait_median"], customers["wait_max"]) == (3, 12, 17)
    assert "排队票号" in customers["wait_source"]


def test_month_waits_take_tickets_where_a_day_has_them(run, journal, tmp_path):
    imported_journal(run, tmp_path)
    result = run("report", "month", "2026-10", "--format", "json", "--lang", "en", env=NOW)
    waits = json.loads(result.stdout)["sections"]["waits"]["summary"]
    # 10-15 from tickets (4, 12, 17), 10-16 from greetings (5, 9, 9, 9); the 30 is left out
    assert waits["wait_recorded"] == 7 and waits["wait_median"] == 9 and waits["wait_max"] == 17
    assert waits["wait_within"] == 5 / 7
    assert waits["wait_source"] == "queue tickets (called − taken), 1 day(s); greet --wait, 1 day(s)"
    markdown = run("report", "month", "2026-10", "--lang", "en", env=NOW).stdout
    assert "## Queue tickets" in markdown and "No-show rate**: 25.0%" in markdown


def test_the_service_level_target_is_a_setting(run, journal, tmp_path):
    add_config(journal, "service_level_minutes: 15\n")
    imported_journal(run, tmp_path)
    result = run("report", "day", "2026-10-15", "--format", "json", env=NOW)
    queue = json.loads(result.stdout)["sections"]["queue"]["summary"]
    assert queue["service_level"] == 2 / 3  # 4 and 12 within 15
    assert "15分钟内" in run("report", "day", "2026-10-15", env=NOW).stdout


def test_export_has_the_ticket_columns(run, journal, tmp_path):
    imported_journal(run, tmp_path)
    result = run("export", "--type", "ticket", "--format", "csv", env=NOW)
    assert result.exit_code == 0, result.stderr
    head, first = result.stdout.splitlines()[:2]
    columns = head.split(",")
    start = columns.index("business")
    assert columns[start:start + 5] == ["business", "called", "start", "end", "rating"]
    row = dict(zip(columns, first.split(",")))
    assert (row["ticket"], row["called"], row["status"], row["staff"]) == \
        ("A001", "2026-10-15T09:05:00+08:00", "served", "陈静")


def test_two_imports_at_once_add_each_ticket_once(journal, tmp_path):
    rows = "".join(f"A{n:03d},,2026-10-15 {9 + n // 60:02d}:{n % 60:02d}:00,,,,,,served,\n"
                   for n in range(200))
    path = export(tmp_path, HEADER + rows)
    env = {**os.environ, **NOW}
    processes = [subprocess.Popen([LOBBYCTL, "-J", str(journal), "import", "queue", str(path)],
                                  env=env, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for process in processes:
        assert process.wait(timeout=60) == 0, process.stderr.read()
    found = tickets(journal)
    assert len(found) == 200 and len({entry["ticket"] for entry in found}) == 200
    assert len({entry["id"] for entry in found}) == 200


def test_the_samples_queue_export_is_in_the_sample(run, tmp_path):
    """The sample's tickets are what importing its export adds: into a copy
    nothing new, into a fresh journal with its map every ticket."""
    copy = tmp_path / "sample"
    shutil.copytree(SAMPLE, copy, ignore=shutil.ignore_patterns(".lobbyctl-cache"))
    csv_path = copy / "imports" / "queue-2026-10-15.csv"
    result = run("-J", copy, "import", "queue", csv_path, journal=False, env=NOW)
    assert result.exit_code == 0 and "没有新内容" in result.stderr, result.stderr
    fresh = tmp_path / "fresh"
    assert run("-J", fresh, "init", "--manager", "王芳", journal=False).exit_code == 0
    shutil.copy(copy / "lobbyctl.yaml", fresh / "lobbyctl.yaml")
    result = run("-J", fresh, "import", "queue", csv_path, journal=False, env=NOW)
    assert result.exit_code == 0, result.stderr
    in_sample = tickets(copy)
    assert len(tickets(fresh)) == len(in_sample) > 50
    strip = [{key: value for key, value in entry.items() if key not in ("id", "by")}
             for entry in in_sample]
    assert strip == [{key: value for key, value in entry.items() if key not in ("id", "by")}
                     for entry in tickets(fresh)]


@pytest.mark.stress
def test_a_day_of_800_tickets_imports_within_a_second(run, journal, tmp_path):
    import time

    rows = "".join(f"A{n:03d},deposit,2026-10-15 {8 + n // 100:02d}:{n % 60:02d}:{n % 37:02d},"
                   f"2026-10-15 {9 + n // 100:02d}:{n % 60:02d}:00,,,{n % 6 + 1},陈静,served,满意\n"
                   for n in range(800))
    path = export(tmp_path, HEADER + rows)
    started = time.perf_counter()
    result = subprocess_run(["-J", journal, "import", "queue", path], env={**os.environ, **NOW})
    took = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert len(tickets(journal)) == 800
    assert took < 2.0, took  # the process included; scripts/bench.py times the import alone


def test_a_ticket_wait_and_a_greeting_wait_of_the_same_minutes_print_alike(run, journal,
                                                                           tmp_path):
    # 17 minutes on the ticket day and on a greeting day: one figure, whatever
    # order a process meets the days in (a set of dates is ordered by a
    # hash that changes each run), printed as the whole minutes it is
    imported_journal(run, tmp_path)
    run("greet", "--wait", "17", "--at", "2026-10-17T10:00", env=NOW)
    forms = set()
    for seed in range(8):
        result = subprocess_run(["-J", journal, "report", "month", "2026-10", "--format", "json"],
                                env={**os.environ, **NOW, "PYTHONHASHSEED": str(seed)})
        assert result.returncode == 0, result.stderr
        form = json.loads(result.stdout)
        form.pop("generated")
        assert form["sections"]["waits"]["summary"]["wait_max"] == 17
        assert '"wait_max": 17,' in result.stdout
        forms.add(json.dumps(form, ensure_ascii=False))
    assert len(forms) == 1
