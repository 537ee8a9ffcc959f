"""`lobbyctl outreach` (场外营销) and the leads it brings: `greet --lead`,
`refer --lead`, what `check` and every reader say of a lead, the monthly
form's outreach section (figures hand-checked on a small journal), the
daily log's events, `show` and `export`."""

import csv
import io
import json
import re
import subprocess
import sys

import pytest
import yaml

from conftest import day_file
from lobbyctl.reports.export_rows import COLUMNS
from lobbyctl.store.lines import dump_entry

NOW = {"LOBBYCTL_NOW": "2026-12-01T09:00"}


@pytest.fixture
def en(run, english_journal):
    """An English journal with the clock at 2026-12-01 09:00."""
    run.env.update(NOW)
    return english_journal


@pytest.fixture
def zh(run, journal):
    run.env.update(NOW)
    return journal


def entries(root, day):
    return yaml.safe_load(day_file(root, day).read_text(encoding="utf-8"))


def record(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def outreach(run, at="2026-11-15T14:00", *more):
    return record(run, "outreach", "--at", at, "--scene", "community", "--venue", "阳光社区",
                  *more)


# --- recording --------------------------------------------------------------

def test_outreach_stores_every_option_with_free_text_masked(run, zh):
    result = run("outreach", "--at", "2026-11-15T14:00", "--scene", "社区",
                 "--venue", "阳光社区 13812345678", "--staff", "李娜", "--staff", "陈静",
                 "--staff", "李娜", "--gifts", "40", "--contacts", "25",
                 "--icebreaker", "社保卡", "--sold", "6", "--icebreaker", "手机银行", "--sold", "11",
                 "--leads", "8", "--note", "重阳节活动")
    assert result.exit_code == 0, result.stderr
    entry_id = result.stdout.strip()
    assert result.stdout == entry_id + "\n"
    assert "已记录场外营销" in result.stderr and "遮蔽" in result.stderr
    line = day_file(zh, "2026-11-15").read_text(encoding="utf-8")
    assert line == dump_entry({
        "id": entry_id, "type": "outreach", "at": "2026-11-15T14:00:00+08:00", "by": "王芳",
        "scene": "community", "venue": "阳光社区 138****5678", "staff": ["李娜", "陈静"],
        "gifts": 40, "contacts_collected": 25,
        "icebreakers": [{"product": "社保卡", "sold": 6}, {"product": "手机银行", "sold": 11}],
        "leads": 8, "note": "重阳节活动"})
    assert json.loads(line[2:]) == yaml.safe_load(line)[0]  # any reader, the same values


def test_outreach_needs_a_scene_and_a_venue(run, en):
    for args in (["--venue", "x"], ["--scene", "school"], ["--scene", "school", "--venue", " "]):
        result = run("outreach", *args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert not list(en.glob("20*"))


@pytest.mark.parametrize("args, said", [
    (["--sold", "3"], "Error: --sold is how many of an ice-breaker product were sold; "
                      "give --icebreaker too"),
    (["--icebreaker", "社保卡", "--icebreaker", "借记卡", "--sold", "3"],
     "Error: --icebreaker and --sold go in pairs, in order: 2 product(s), 1 count(s)"),
    (["--icebreaker", "社保卡"],
     "Error: --icebreaker and --sold go in pairs, in order: 1 product(s), 0 count(s)"),
    (["--icebreaker", "社保卡", "--sold", "3", "--icebreaker", "社保卡", "--sold", "2"],
     "Error: --icebreaker 社保卡 was given twice; give it once, with its total"),
    (["--icebreaker", " ", "--sold", "3"], "Error: --icebreaker: must not be empty"),
])
def test_icebreaker_and_sold_pair_up_in_order(run, en, args, said):
    result = run("outreach", "--scene", "market", "--venue", "农贸市场", *args)
    assert result.exit_code == 2
    assert result.stderr.strip() == said
    assert not list(en.glob("20*"))  # nothing recorded


def test_pairs_are_kept_in_the_order_given(run, zh):
    outreach(run, "2026-11-15T14:00", "--icebreaker", "借记卡", "--sold", "2",
             "--icebreaker", "社保卡", "--sold", "0")
    assert entries(zh, "2026-11-15")[0]["icebreakers"] == [
        {"product": "借记卡", "sold": 2}, {"product": "社保卡", "sold": 0}]


def test_a_chinese_journal_is_told_in_chinese(run, zh):
    result = run("outreach", "--scene", "market", "--venue", "农贸市场", "--sold", "3")
    assert result.exit_code == 2
    assert result.stderr.strip() == "错误：--sold 是破冰产品的销量，请同时给出 --icebreaker"


@pytest.mark.parametrize("option", ["--gifts", "--contacts", "--leads", "--sold"])
@pytest.mark.parametrize("value", ["-1", "10001", "13812345678", "x"])
def test_counts_are_bounded_and_a_phone_number_is_never_echoed(run, en, option, value):
    extra = ["--icebreaker", "社保卡"] if option == "--sold" else []
    result = run("outreach", "--scene", "market", "--venue", "x", *extra, option, value)
    assert result.exit_code == 2
    assert "13812345678" not in result.stderr and "Traceback" not in result.stderr
    assert not list(en.glob("20*"))


def test_the_largest_counts_are_accepted(run, en):
    outreach(run, "2026-11-15T14:00", "--gifts", "10000", "--contacts", "0", "--leads", "10000")
    assert entries(en, "2026-11-15")[0]["contacts_collected"] == 0


def test_outreach_imports_nothing_heavy_at_start(journal):
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "lobbyctl", "-J", str(journal), "outreach",
         "--scene", "school", "--venue", "学校", "--icebreaker", "借记卡", "--sold", "3"],
        capture_output=True, text=True, timeout=60, env={**NOW, "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    for heavy in ("ruamel", "dateutil", "tabulate", "hashlib", "lobbyctl.check.reading",
                  "lobbyctl.reports.open_items"):
        assert heavy not in imported, heavy  # (uuid comes with click itself)


# --- leads ------------------------------------------------------------------

def test_greet_and_refer_take_the_lead_of_an_outreach(run, zh):
    event = outreach(run)
    greeted = record(run, "greet", "--at", "2026-11-20T10:00", "--lead", event.upper())
    referred = record(run, "refer", "--at", "2026-11-20T10:05", "--product", "信用卡",
                      "--greet", greeted, "--lead", event)
    day = entries(zh, "2026-11-20")
    assert day[0] == {"id": greeted, "type": "greet", "at": "2026-11-20T10:00:00+08:00",
                      "by": "王芳", "count": 1, "lead": event}
    assert day[1]["lead"] == event and day[1]["greet"] == greeted
    assert run("check").exit_code == 0


@pytest.mark.parametrize("command", [["greet"], ["refer", "--product", "信用卡"]])
def test_a_lead_must_be_an_outreach_recorded_before(run, en, command):
    event = outreach(run, "2026-11-15T14:00")
    greeted = record(run, "greet", "--at", "2026-11-15T10:00")
    cases = [
        (greeted, f"Error: --lead: {greeted} is a Greeting, not a Outreach"),
        ("261114-aaaaaa", "Error: --lead: there is no entry 261114-aaaaaa"),
        ("nonsense", "Error: --lead: 'nonsense' is not an entry id (like 261120-7kq3xm)"),
    ]
    for typed, said in cases:
        result = run(*command, "--at", "2026-11-20T10:00", "--lead", typed)
        assert result.exit_code == 2, result.stderr
        assert result.stderr.strip() == said
    result = run(*command, "--at", "2026-11-15T13:00", "--lead", event)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: --at 2026-11-15T13:00:00+08:00 is before the entry --lead names, {event} "
        "(2026-11-15T14:00:00+08:00)")
    assert len(entries(en, "2026-11-15")) == 2 and not day_file(en, "2026-11-20").exists()


def _write(root, day, *items):
    path = day_file(root, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("".join(dump_entry(item) for item in items))
    return path


def _entry(entry_id, entry_type, at, **fields):
    return {"id": entry_id, "type": entry_type, "at": at, "by": "王芳", **fields}


OUTREACH = _entry("261115-0vtrch", "outreach", "2026-11-15T14:00:00+08:00", scene="market",
                  venue="农贸市场")


def test_check_and_every_reader_refuse_a_lead_that_leads_astray(run, en):
    _write(en, "2026-11-15", OUTREACH,
           _entry("261115-gaaaaa", "greet", "2026-11-15T13:00:00+08:00", count=1,
                  lead="261115-0vtrch"))
    _write(en, "2026-11-20",
           _entry("261120-gbbbbb", "greet", "2026-11-20T10:00:00+08:00", count=1,
                  lead="261119-zzzzzz"),
           _entry("261120-gccccc", "greet", "2026-11-20T10:01:00+08:00", count=1,
                  lead="261120-gbbbbb"),
           _entry("261120-rddddd", "refer", "2026-11-20T10:02:00+08:00", product="信用卡",
                  outcome="pending", lead="261121-zzzzzz"),
           _entry("261120-geeeee", "greet", "2026-11-20T10:03:00+08:00", count=2,
                  lead="261115-0vtrch"))
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "2026/11/2026-11-15.yaml:2: at: 2026-11-15T13:00:00+08:00 is before 261115-0vtrch, "
        "which lead leads to, was recorded (2026-11-15T14:00:00+08:00)",
        "2026/11/2026-11-20.yaml:1: lead: no entry 261119-zzzzzz in the journal",
        "2026/11/2026-11-20.yaml:2: lead: 261120-gbbbbb is a 'greet' entry, not outreach",
        "2026/11/2026-11-20.yaml:3: lead: 261121-zzzzzz names the day 2026-11-21, after this "
        "entry's day 2026-11-20; it must lead to an earlier entry",
    ]
    # every reader counts what check accepts: strict, it fails where check names
    shown = run("report", "day", "2026-11-20")
    assert shown.exit_code == 1
    assert shown.stderr.startswith("Error: ") and "2026-11-20.yaml:1: lead: no entry" in shown.stderr
    month = run("report", "month", "2026-11", "--format", "json", "--skip-bad")
    assert month.exit_code == 0, month.stderr
    summary = json.loads(month.stdout)["sections"]["outreach"]["summary"]
    assert summary["brought_in"] == 2  # only the greeting of two check accepts
    assert summary["events"] == 1
    exported = run("export", "--skip-bad", "--from", "2026-11-01", "--to", "2026-11-30")
    assert [json.loads(line)["id"] for line in exported.stdout.splitlines()] == [
        "261115-0vtrch", "261120-geeeee"]


def test_a_lead_into_a_day_file_that_does_not_load_is_said_so(run, en):
    path = day_file(en, "2026-11-15")
    path.parent.mkdir(parents=True)
    path.write_text("- {oops\n", encoding="utf-8")
    _write(en, "2026-11-20", _entry("261120-gbbbbb", "greet", "2026-11-20T10:00:00+08:00",
                                    count=1, lead="261115-0vtrch"))
    result = run("check")
    assert "2026/11/2026-11-20.yaml:1: lead: 261115-0vtrch is in a day file that does not load" \
        in result.stdout.splitlines()


# --- the monthly form and the daily log -------------------------------------

@pytest.fixture
def marketing_month(run, zh):
    """Two October events and one in November; leads greeted in October
    and November (one from an October event), referrals from leads."""
    oct_a = outreach(run, "2026-10-10T14:00", "--gifts", "40", "--contacts", "25",
                     "--icebreaker", "社保卡", "--sold", "6", "--icebreaker", "手机银行",
                     "--sold", "11", "--leads", "8")
    oct_b = record(run, "outreach", "--at", "2026-10-24T15:00", "--scene", "enterprise",
                   "--venue", "城东工业园", "--gifts", "30", "--contacts", "12",
                   "--icebreaker", "手机银行", "--sold", "4", "--leads", "5")
    record(run, "outreach", "--at", "2026-11-05T15:00", "--scene", "school",
           "--venue", "第一中学", "--gifts", "10")
    record(run, "greet", "--at", "2026-10-12T10:00", "--count", "2", "--lead", oct_a)
    record(run, "greet", "--at", "2026-10-25T10:00", "--lead", oct_b)
    record(run, "greet", "--at", "2026-10-25T10:30")  # not a lead
    accepted = record(run, "refer", "--at", "2026-10-12T10:10", "--product", "信用卡",
                      "--lead", oct_a)
    record(run, "update", accepted, "--at", "2026-10-14T11:00", "--outcome", "accepted")
    record(run, "refer", "--at", "2026-10-25T10:10", "--product", "大额存单", "--lead", oct_b,
           "--outcome", "declined")
    record(run, "refer", "--at", "2026-10-25T10:20", "--product", "基金定投", "--lead", oct_b)
    record(run, "refer", "--at", "2026-10-25T10:40", "--product", "养老理财")  # no lead
    record(run, "greet", "--at", "2026-11-03T10:00", "--count", "3", "--lead", oct_a)
    return oct_a, oct_b


def month_sections(run, month, *args):
    result = run("report", "month", month, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["sections"]


def test_the_month_outreach_section_hand_checked(run, marketing_month):
    section = month_sections(run, "2026-10")["outreach"]
    assert section["summary"] == {
        "title": "", "events": 2, "gifts": 70, "contacts": 37, "leads": 13, "sold": 21,
        "brought_in": 3,  # 2 + 1 customers greeted with a lead in October
        "lead_referrals": 3, "lead_accepted": 1, "lead_conversion": 0.5}
    assert section["by_scene"]["rows"] == [
        {"scene": "community", "events": 1, "gifts": 40, "contacts": 25, "leads": 8},
        {"scene": "enterprise", "events": 1, "gifts": 30, "contacts": 12, "leads": 5}]
    assert section["icebreakers"]["rows"] == [
        {"product": "手机银行", "sold": 15, "events": 2},
        {"product": "社保卡", "sold": 6, "events": 1}]
    assert [row["date"] for row in section["events"]["rows"]] == ["2026-10-10", "2026-10-24"]
    # November: one event of its own; three customers from an October event
    november = month_sections(run, "2026-11")["outreach"]["summary"]
    assert (november["events"], november["gifts"], november["brought_in"]) == (1, 10, 3)
    assert november["lead_referrals"] == 0 and november["lead_conversion"] is None


def test_the_month_form_draws_the_outreach_section_in_both_languages(run, marketing_month):
    zh = run("report", "month", "2026-10")
    assert zh.exit_code == 0, zh.stderr
    assert "## 场外营销" in zh.stdout and "| 社区" in zh.stdout and "引导进店客户**：3" in zh.stdout
    en = run("report", "month", "2026-10", "--lang", "en", "--format", "text")
    assert "Outreach (marketing outside the branch)" in en.stdout
    assert re.search(r"\nCustomers brought into the branch +3\n", en.stdout)


def test_a_month_with_no_outreach_says_so(run, zh):
    record(run, "greet", "--at", "2026-10-12T10:00")
    section = month_sections(run, "2026-10")["outreach"]
    assert section == {"title": "场外营销", "empty": True}


def test_the_daily_log_lists_the_days_outreach(run, marketing_month):
    result = run("report", "day", "2026-10-10", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["sections"]["marketing"]["outreach"]["rows"]
    assert rows == [{"id": marketing_month[0], "time": "14:00", "scene": "community",
                     "venue": "阳光社区", "staff": "", "gifts": 40, "contacts": 25,
                     "sold": 17, "leads": 8}]


def test_show_describes_an_outreach(run, zh):
    outreach(run, "2026-11-15T14:00", "--icebreaker", "社保卡", "--sold", "6", "--leads", "3")
    result = run("show", "2026-11-15", "--lang", "en", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "Community, venue: 阳光社区, ice-breaker sales: 社保卡×6, leads: 3" in result.stdout


# --- export -----------------------------------------------------------------

def test_export_has_the_new_columns_at_the_end(run, marketing_month):
    assert COLUMNS[-10:] == ("lead", "returning", "after", "satisfaction", "scene", "venue",
                             "gifts", "contacts_collected", "icebreakers", "leads")
    result = run("export", "--format", "csv", "--type", "outreach", "--from", "2026-10-01",
                 "--to", "2026-10-31")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["scene"] == "community" and rows[0]["contacts_collected"] == "25"
    assert json.loads(rows[0]["icebreakers"]) == [{"product": "社保卡", "sold": 6},
                                                  {"product": "手机银行", "sold": 11}]
    lines = run("export", "--type", "greet", "--from", "2026-10-01", "--to", "2026-10-31")
    leads = [json.loads(line)["lead"] for line in lines.stdout.splitlines()]
    assert leads == [marketing_month[0], marketing_month[1], None]


def test_export_masks_an_icebreaker_product_stored_in_full(run, zh):
    config = zh / "lobbyctl.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "store_personal_data: false", "store_personal_data: true"), encoding="utf-8")
    outreach(run, "2026-11-15T14:00", "--icebreaker", "卡 13812345678", "--sold", "1")
    assert "13812345678" in day_file(zh, "2026-11-15").read_text(encoding="utf-8")
    for fmt in ("csv", "jsonl"):
        result = run("export", "--format", fmt, "--from", "2026-11-15", "--to", "2026-11-15")
        assert result.exit_code == 0, result.stderr
        assert "13812345678" not in result.stdout and "138****5678" in result.stdout


# --- hand-edited ice-breaker sales ------------------------------------------

@pytest.mark.parametrize("value, said", [
    ("x", "icebreakers: must be a list of ice-breaker sales (each with product and sold only), "
          "found 'x'"),
    ([{"product": "卡"}], "icebreakers: must be a list of ice-breaker sales (each with product "
                         "and sold only), found a mapping"),
    ([{"product": "卡", "sold": 1, "price": 3}], "icebreakers: must be a list of ice-breaker "
                                                "sales (each with product and sold only), "
                                                "found a mapping"),
    ([{"product": 7, "sold": 1}], "icebreakers: product: must be text, found 7"),
    ([{"product": " ", "sold": 1}], "icebreakers: product: must not be empty"),
    ([{"product": "卡", "sold": -1}], "icebreakers: sold: must be a whole number from 0 to "
                                     "10000, found -1"),
    ([{"product": "卡", "sold": True}], "icebreakers: sold: must be a whole number from 0 to "
                                       "10000, found true"),
])
def test_check_refuses_malformed_icebreaker_sales(run, en, value, said):
    _write(en, "2026-11-15", {**OUTREACH, "icebreakers": value})
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout == f"2026/11/2026-11-15.yaml:1: {said}\n"


def test_report_table_counts_outreach_by_scene_and_by_icebreaker(run, marketing_month):
    period = ("--from", "2026-10-01", "--to", "2026-10-31", "--format", "csv")
    result = run("report", "table", "--type", "outreach", "--by", "icebreakers", *period)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "icebreakers,count,total\n手机银行,2,\n社保卡,1,\n,2,all\n"
    result = run("report", "table", "--type", "场外营销", "--by", "场景", *period)
    assert result.stdout == "scene,count,total\ncommunity,1,\nenterprise,1,\n,2,all\n"


def test_many_pairs_are_recorded_quickly_and_read_back(run, en):
    pairs = [arg for number in range(2000) for arg in ("--icebreaker", f"产品{number}",
                                                       "--sold", str(number % 7))]
    outreach(run, "2026-11-15T14:00", *pairs)
    [entry] = entries(en, "2026-11-15")
    assert len(entry["icebreakers"]) == 2000 and entry["icebreakers"][-1] == {
        "product": "产品1999", "sold": 1999 % 7}
    assert run("check").exit_code == 0
    month = month_sections(run, "2026-11")["outreach"]["summary"]
    assert month["sold"] == sum(number % 7 for number in range(2000))
