"""The nine links (场内营销九个环节): `refer --after` (a second cross-sell),
`update --satisfaction` (the check after a sale), `greet --returning` (the
customer's second visit); what `check` says of those links; the monthly
form's funnel, hand-checked on a small journal; the daily log's second
cross-sells and returns; export; the sample journal shows every section."""

import json
from pathlib import Path

import pytest
import yaml

from conftest import day_file
from lobbyctl.store.lines import dump_entry

NOW = {"LOBBYCTL_NOW": "2026-12-01T09:00"}
SAMPLE = Path(__file__).resolve().parent.parent / "journal"


@pytest.fixture
def en(run, english_journal):
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


def refer(run, at, *more):
    return record(run, "refer", "--at", at, "--product", "大额存单", *more)


# --- recording the links ----------------------------------------------------

def test_a_second_cross_sell_follows_a_first_referral(run, zh):
    first = refer(run, "2026-11-20T10:00", "--outcome", "accepted")
    second = record(run, "refer", "--at", "2026-11-22T10:00", "--product", "信用卡",
                    "--after", first.upper())
    assert entries(zh, "2026-11-22")[0] == {
        "id": second, "type": "refer", "at": "2026-11-22T10:00:00+08:00", "by": "王芳",
        "product": "信用卡", "outcome": "pending", "after": first}
    assert run("check").exit_code == 0


def test_after_and_returning_must_name_an_earlier_referral(run, en):
    first = refer(run, "2026-11-20T10:00")
    greeted = record(run, "greet", "--at", "2026-11-20T09:00")
    for command in (["refer", "--product", "信用卡", "--after"], ["greet", "--returning"]):
        option = command[-1]
        result = run(*command[:-1], "--at", "2026-11-21T10:00", option, greeted)
        assert result.exit_code == 2
        assert result.stderr.strip() == f"Error: {option}: {greeted} is a Greeting, not a Referral"
        result = run(*command[:-1], "--at", "2026-11-21T10:00", option, "261119-zzzzzz")
        assert result.stderr.strip() == f"Error: {option}: there is no entry 261119-zzzzzz"
        result = run(*command[:-1], "--at", "2026-11-20T09:30", option, first)
        assert result.exit_code == 2
        assert result.stderr.strip() == (
            f"Error: --at 2026-11-20T09:30:00+08:00 is before the entry {option} names, {first} "
            "(2026-11-20T10:00:00+08:00)")
    assert len(entries(en, "2026-11-20")) == 2 and not day_file(en, "2026-11-21").exists()


def test_a_returning_customer_is_greeted_with_the_referral(run, zh):
    first = refer(run, "2026-11-20T10:00", "--outcome", "accepted")
    back = record(run, "greet", "--at", "2026-11-27T10:00", "--segment", "mid",
                  "--returning", first)
    assert entries(zh, "2026-11-27") == [{
        "id": back, "type": "greet", "at": "2026-11-27T10:00:00+08:00", "by": "王芳",
        "count": 1, "segment": "mid", "returning": first}]


def test_satisfaction_is_checked_after_a_sale(run, zh):
    sold = refer(run, "2026-11-20T10:00", "--outcome", "accepted")
    update = record(run, "update", sold, "--at", "2026-11-21T10:00", "--satisfaction", "非常满意")
    assert entries(zh, "2026-11-21")[0] == {
        "id": update, "type": "update", "at": "2026-11-21T10:00:00+08:00", "by": "王芳",
        "ref": sold, "satisfaction": "very-satisfied"}


def test_satisfaction_on_a_referral_accepted_by_a_later_update(run, zh):
    pending = refer(run, "2026-11-20T10:00", "--follow-up", "2026-11-22", "--via", "phone")
    refused = run("update", pending, "--at", "2026-11-21T10:00", "--satisfaction", "satisfied")
    assert refused.exit_code == 2
    assert refused.stderr.strip() == (
        f"错误：--satisfaction 是成交后的满意度回访：{pending} 的结果是“待定”，不是“成功”")
    assert not day_file(zh, "2026-11-21").exists()
    record(run, "update", pending, "--at", "2026-11-22T10:00", "--via", "phone",
           "--outcome", "accepted")
    record(run, "update", pending, "--at", "2026-11-23T10:00", "--satisfaction", "basic")
    # accepted and checked in one update
    other = refer(run, "2026-11-20T11:00")
    record(run, "update", other, "--at", "2026-11-24T10:00", "--outcome", "accepted",
           "--satisfaction", "satisfied")


def test_satisfaction_is_refused_for_a_declined_referral_and_a_complaint(run, en):
    declined = refer(run, "2026-11-20T10:00", "--outcome", "declined")
    result = run("update", declined, "--at", "2026-11-21T10:00", "--satisfaction", "satisfied")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: --satisfaction is the check after a sale: {declined}'s outcome is Declined, "
        "not accepted")
    complaint = record(run, "complain", "--at", "2026-11-20T11:00", "--level", "grumble",
                       "--category", "waiting", "--summary", "排队太久")
    result = run("update", complaint, "--at", "2026-11-21T10:00", "--satisfaction", "satisfied")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: --satisfaction does not apply to Complaint {complaint} (only to Referral)")
    result = run("update", declined, "--satisfaction", "happy")
    assert result.exit_code == 2 and "unknown satisfaction 'happy'" in result.stderr
    assert not day_file(en, "2026-11-21").exists()


# --- check -------------------------------------------------------------------

def _write(root, day, *items):
    path = day_file(root, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("".join(dump_entry(item) for item in items))


def _entry(entry_id, entry_type, at, **fields):
    return {"id": entry_id, "type": entry_type, "at": at, "by": "王芳", **fields}


def _refer(entry_id, at, **fields):
    return _entry(entry_id, "refer", at, product="信用卡", outcome="pending", **fields)


def test_check_refuses_links_of_the_chain_that_lead_astray(run, en):
    _write(en, "2026-11-20",
           _entry("261120-0vtrch", "outreach", "2026-11-20T09:00:00+08:00", scene="market",
                  venue="市场"),
           _refer("261120-r1aaaa", "2026-11-20T10:00:00+08:00"),
           _refer("261120-r2bbbb", "2026-11-20T10:05:00+08:00", after="261120-0vtrch"),
           _refer("261120-r3cccc", "2026-11-20T10:10:00+08:00", after="261120-r3cccc"),
           _refer("261120-r4dddd", "2026-11-20T09:50:00+08:00", after="261120-r1aaaa"),
           _entry("261120-g5eeee", "greet", "2026-11-20T11:00:00+08:00", count=1,
                  returning="261120-0vtrch"),
           _entry("261120-g6ffff", "greet", "2026-11-20T11:00:00+08:00", count=1,
                  returning="261118-zzzzzz"),
           _entry("261120-v7gggg", "update", "2026-11-20T11:00:00+08:00", ref="261120-r1aaaa",
                  satisfaction="fine"),
           _refer("261120-r8hhhh", "2026-11-20T10:20:00+08:00", after="261120-r1aaaa"))
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "2026/11/2026-11-20.yaml:3: after: 261120-0vtrch is a 'outreach' entry, not refer",
        "2026/11/2026-11-20.yaml:4: after: 261120-r3cccc is this entry itself",
        "2026/11/2026-11-20.yaml:5: at: 2026-11-20T09:50:00+08:00 is before 261120-r1aaaa, "
        "which after leads to, was recorded (2026-11-20T10:00:00+08:00)",
        "2026/11/2026-11-20.yaml:6: returning: 261120-0vtrch is a 'outreach' entry, not refer",
        "2026/11/2026-11-20.yaml:7: returning: no entry 261118-zzzzzz in the journal",
        "2026/11/2026-11-20.yaml:8: satisfaction: unknown satisfaction 'fine' (known: "
        "very-satisfied, satisfied, basic, dissatisfied)",
    ]


def test_a_loop_typed_by_hand_is_no_chain_and_never_hangs(run, en):
    """Two referrals at the same instant, each after the other: at one
    instant a link leads only up the file (the order every reader takes),
    so check refuses the first, and every reader with it; with --skip-bad
    the funnel has no first referral among them."""
    _write(en, "2026-11-20",
           _refer("261120-r1aaaa", "2026-11-20T10:00:00+08:00", after="261120-r2bbbb"),
           _refer("261120-r2bbbb", "2026-11-20T10:00:00+08:00", after="261120-r1aaaa"),
           _refer("261120-r3cccc", "2026-11-20T10:00:00+08:00"))
    checked = run("check")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[0].startswith("2026/11/2026-11-20.yaml:1: after: 261120-r2bbbb")
    assert run("report", "month", "2026-11", "--format", "json").exit_code == 1
    result = run("report", "month", "2026-11", "--format", "json", "--skip-bad")
    assert result.exit_code == 0, result.stderr
    steps = json.loads(result.stdout)["sections"]["funnel"]["steps"]["rows"]
    assert [row["chains"] for row in steps] == [1, 0, 0, 0, 0, 0, 0]


# --- the funnel, hand-checked ---------------------------------------------------

@pytest.fixture
def chains(run, zh):
    """Three chains begun in November and one begun in October:

    A: accepted, satisfaction checked, a call after the sale; B after A
       (accepted), C after B (declined); the customer returns for C.
    D: pending, chased by phone (not the after-sale call), then declined.
    E: accepted on a call two days later, satisfaction checked; F after E
       (declined).
    G (October), H after G in November: not a chain of November's."""
    a = refer(run, "2026-11-02T10:00", "--outcome", "accepted")
    record(run, "update", a, "--at", "2026-11-03T10:00", "--satisfaction", "very-satisfied")
    record(run, "update", a, "--at", "2026-11-06T10:00", "--via", "phone")
    b = refer(run, "2026-11-09T10:00", "--after", a, "--outcome", "accepted")
    c = refer(run, "2026-11-12T10:00", "--after", b, "--outcome", "declined")
    record(run, "greet", "--at", "2026-11-20T10:00", "--returning", c)
    d = refer(run, "2026-11-04T10:00", "--follow-up", "2026-11-06", "--via", "phone")
    record(run, "update", d, "--at", "2026-11-06T11:00", "--via", "phone", "--follow-up",
           "2026-11-08")
    record(run, "update", d, "--at", "2026-11-08T11:00", "--via", "phone", "--outcome", "declined")
    e = refer(run, "2026-11-05T10:00", "--follow-up", "2026-11-07", "--via", "sms")
    record(run, "update", e, "--at", "2026-11-07T10:00", "--via", "sms", "--outcome", "accepted")
    record(run, "update", e, "--at", "2026-11-08T10:00", "--via", "phone",
           "--satisfaction", "satisfied")
    record(run, "refer", "--at", "2026-11-15T10:00", "--product", "信用卡", "--after", e,
           "--outcome", "declined")
    g = refer(run, "2026-10-20T10:00", "--outcome", "accepted")
    record(run, "refer", "--at", "2026-11-10T10:00", "--product", "手机银行", "--after", g,
           "--outcome", "accepted")
    return {"a": a, "b": b, "c": c}


def funnel(run, month):
    result = run("report", "month", month, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["sections"]["funnel"]


def test_the_funnel_counts_each_step_once_per_chain(run, chains):
    section = funnel(run, "2026-11")
    assert section["steps"]["rows"] == [
        {"step": "first_made", "chains": 3, "rate": None},          # A, D, E
        {"step": "first_accepted", "chains": 2, "rate": 2 / 3},     # A, E
        {"step": "satisfaction", "chains": 2, "rate": 1.0},         # A, E
        {"step": "follow_up", "chains": 1, "rate": 0.5},            # A (E's call won the sale)
        {"step": "second_made", "chains": 2, "rate": 2.0},          # A (B and C: once), E
        {"step": "second_accepted", "chains": 1, "rate": 0.5},      # A, through B
        {"step": "returned", "chains": 1, "rate": 1.0},             # A, through C
    ]
    assert section["satisfaction"]["rows"] == [
        {"satisfaction": "very-satisfied", "chains": 1}, {"satisfaction": "satisfied", "chains": 1}]
    # October: G alone, its second cross-sell still to come as of October's end
    october = funnel(run, "2026-10")["steps"]["rows"]
    assert [row["chains"] for row in october] == [1, 1, 0, 0, 0, 0, 0]
    assert [row["rate"] for row in october] == [None, 1.0, 0.0, None, None, None, None]


def test_the_funnel_is_drawn_in_both_languages(run, chains):
    zh = run("report", "month", "2026-11")
    assert zh.exit_code == 0, zh.stderr
    assert "## 场内营销九个环节" in zh.stdout
    assert "| 首次交叉销售成功 " in zh.stdout and "66.7%" in zh.stdout
    en = run("report", "month", "2026-11", "--lang", "en", "--format", "text")
    assert "The nine links (in-branch marketing)" in en.stdout
    assert "Second cross-sell accepted" in en.stdout
    csv_out = run("report", "month", "2026-11", "--format", "csv")
    assert "funnel,steps,returned,chains,1" in csv_out.stdout


def test_a_month_with_no_referral_has_an_empty_funnel(run, zh):
    record(run, "greet", "--at", "2026-11-02T10:00")
    assert funnel(run, "2026-11") == {"title": "场内营销九个环节", "empty": True}


def test_the_daily_log_lists_second_cross_sells_and_returns(run, chains):
    result = run("report", "day", "2026-11-09", "--format", "json")
    assert result.exit_code == 0, result.stderr
    section = json.loads(result.stdout)["sections"]["marketing"]
    assert section["second_cross_sells"]["rows"] == [{
        "id": chains["b"], "time": "10:00", "product": "大额存单", "outcome": "accepted",
        "after": chains["a"], "first_product": "大额存单"}]
    assert section["returns"]["rows"] == []
    back = json.loads(run("report", "day", "2026-11-20", "--format", "json").stdout)
    assert back["sections"]["marketing"]["returns"]["rows"] == [{
        "id": back["sections"]["marketing"]["returns"]["rows"][0]["id"], "time": "10:00",
        "customer": None, "returning": chains["c"], "first_product": "大额存单"}]
    quiet = json.loads(run("report", "day", "2026-11-03", "--format", "json").stdout)
    assert quiet["sections"]["marketing"] == {"title": "营销环节", "empty": True}


def test_export_folds_the_satisfaction_into_the_referral(run, chains):
    result = run("export", "--type", "refer", "--from", "2026-11-01", "--to", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    rows = {row["id"]: row for row in map(json.loads, result.stdout.splitlines())}
    assert rows[chains["a"]]["satisfaction"] == "very-satisfied"
    assert rows[chains["a"]]["contacts"] == 1 and rows[chains["b"]]["after"] == chains["a"]
    raw = run("export", "--raw", "--type", "update", "--from", "2026-11-03", "--to", "2026-11-03")
    assert [json.loads(line)["satisfaction"] for line in raw.stdout.splitlines()] == [
        "very-satisfied"]


# --- the sample journal (make demo) ----------------------------------------------

def test_the_sample_journal_shows_every_new_section():
    from conftest import Run

    run = Run(SAMPLE)
    assert run("check").exit_code == 0
    month = run("report", "month", "2026-10", "--format", "json")
    sections = json.loads(month.stdout)["sections"]
    assert sections["outreach"]["summary"]["events"] >= 4
    assert sections["outreach"]["summary"]["brought_in"] > 0
    assert sections["outreach"]["summary"]["lead_referrals"] > 0
    steps = {row["step"]: row["chains"] for row in sections["funnel"]["steps"]["rows"]}
    assert all(steps[step] > 0 for step in ("first_accepted", "satisfaction", "follow_up",
                                            "second_made", "returned"))
    day = json.loads(run("report", "day", "2026-10-15", "--format", "json").stdout)
    marketing = day["sections"]["marketing"]
    assert all(marketing[block]["rows"] for block in ("outreach", "second_cross_sells", "returns"))
