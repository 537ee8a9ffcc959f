"""Targets in lobbyctl.yaml (``targets:``): shown beside their figures as
met or missed on the monthly form, in JSON and CSV, and judged by ``check``
(an unknown name with the valid ones, a value not a number or out of
range, two targets on one figure) at lobbyctl.yaml:line, in the journal's
language.  The figures are those of ``test_comparisons``' journal."""

import json

import pytest
from hypothesis import given, settings, strategies as st
from ruamel.yaml import YAML

from lobbyctl.schema.targets import TARGET_NAMES
from lobbyctl.store.config import _parse_simple
from test_comparisons import NOW, STEPS

GOOD = """targets:
  diversion_rate: 0.40
  wait_p90_minutes: 10
  within_10_minutes: 0.4
  referral_conversion: 0.40
  formal_complaints_max: 0
  overdue_complaints_max: 1
  customers_min: 5
"""


def with_targets(root, text):
    path = root / "lobbyctl.yaml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


@pytest.fixture
def november(english_journal, run):
    for step in STEPS:
        result = run(*step, env=NOW)
        assert result.exit_code == 0, (step, result.stderr)
    return english_journal


def headline(run, *args):
    result = run("report", "month", "2026-11", "--format", "json", *args, env=NOW)
    assert result.exit_code == 0, result.stderr
    return {row["figure"]: row
            for row in json.loads(result.stdout)["sections"]["headline"]["figures"]["rows"]}


def test_each_target_is_shown_met_or_missed(november, run):
    with_targets(november, GOOD)
    assert run("check", env=NOW).exit_code == 0
    rows = headline(run)
    want = {  # figure: (target, direction, met)
        "diversion_rate": (0.4, "min", True),  # 0.5
        "wait_p90": (10, "max", False),  # 12 minutes
        "within_10_minutes": (0.4, "min", True),  # 0.4: at least, so met
        "referral_conversion": (0.4, "min", False),  # 0 of 1 decided
        "formal_complaints": (0, "max", False),  # 1
        "overdue_complaints": (1, "max", True),  # 1
        "customers": (5, "min", True),  # 6
    }
    for key, row in rows.items():
        target, direction, met = want.get(key, (None, None, None))
        assert (row["target"], row["target_direction"], row["met"]) == (target, direction, met), key
    english = run("report", "month", "2026-11", "--format", "text", env=NOW).stdout
    # at 80 columns the table may go in bands, each repeating the figure's name
    headline_part = english.split("\nCustomer flow\n")[0]
    p90 = " ".join(line for line in headline_part.splitlines()
                   if line.startswith("90th percentile"))
    assert "10 min" in p90 and p90.endswith("missed")
    diversion = " ".join(line for line in headline_part.splitlines()
                         if line.startswith("Diversion rate"))
    assert "40.0%" in diversion and diversion.endswith("met")
    chinese = run("report", "month", "2026-11", "--format", "text", "--lang", "zh",
                  env=NOW).stdout
    chinese = chinese.split("\n客户流量\n")[0]
    line = " ".join(line for line in chinese.splitlines() if line.startswith("正式投诉 "))
    assert line.endswith("未达标")
    line = " ".join(line for line in chinese.splitlines() if line.startswith("分流率"))
    assert line.endswith("达标") and not line.endswith("未达标")


def test_a_target_on_a_month_without_figures_is_neither_met_nor_missed(november, run):
    with_targets(november, GOOD)
    result = run("report", "month", "2026-12", "--format", "json", env=NOW)  # none yet
    rows = json.loads(result.stdout)["sections"]["headline"]["figures"]["rows"]
    diversion = next(row for row in rows if row["figure"] == "diversion_rate")
    assert diversion["value"] is None and diversion["target"] == 0.4 and diversion["met"] is None


BAD = """targets:
  diversion_rate: 70
  wait_p90_minutes: "20"
  bogus_target: 1
  formal_complaints_max: -1
  within_10_minutes: 0.8
  within_10_minutes_min: 0.9
  overdue_complaints_max: true
  faults_open: .nan
"""


def test_check_names_each_bad_target_at_its_line(november, run):
    with_targets(november, BAD)
    first = (november / "lobbyctl.yaml").read_text(encoding="utf-8").splitlines().index(
        "targets:") + 1
    result = run("check", env=NOW)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (f"lobbyctl.yaml:{first + 1}: targets: diversion_rate is a rate, "
                        "from 0 to 1 (70% is 0.70), not 70")
    assert lines[1] == f"lobbyctl.yaml:{first + 2}: targets: wait_p90_minutes: '20' is not a number"
    assert lines[2].startswith(f"lobbyctl.yaml:{first + 3}: targets: unknown target "
                               "'bogus_target'; valid: customers, customers_min,")
    assert ", wait_p90_minutes" in lines[2] and "formal_complaints_max" in lines[2]
    assert lines[3] == f"lobbyctl.yaml:{first + 4}: targets: formal_complaints_max cannot be negative (-1)"
    assert lines[4] == (f"lobbyctl.yaml:{first + 6}: targets: within_10_minutes_min and "
                        "within_10_minutes set a target on the same figure; keep one")
    assert lines[5] == f"lobbyctl.yaml:{first + 7}: targets: overdue_complaints_max: True is not a number"
    assert lines[6] == f"lobbyctl.yaml:{first + 8}: targets: faults_open: nan is not a number"
    assert len(lines) == 7
    # the form still draws, with only the valid targets beside their figures, and says so
    drawn = run("report", "month", "2026-11", env=NOW)
    assert drawn.exit_code == 0
    assert drawn.stderr == ("lobbyctl.yaml: 7 problem(s) in targets, left out of the form "
                            "(lobbyctl check names each)\n")
    rows = headline(run)
    assert rows["within_10_minutes"]["target"] == 0.8
    assert rows["diversion_rate"]["target"] is None and rows["formal_complaints"]["met"] is None


def test_check_says_it_in_a_chinese_journal(journal, run):
    with_targets(journal, "targets:\n  bogus_target: 1\n  referral_conversion: 40\n")
    result = run("check", env=NOW)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "targets：未知的目标 'bogus_target'；可用：customers" in lines[0]
    assert "targets：referral_conversion 是比率，须在 0 到 1 之间（70% 写作 0.70），不是 40" in lines[1]
    assert lines[0].startswith("lobbyctl.yaml:")


@pytest.mark.parametrize("text", [
    "targets: [diversion_rate]\n",
    "targets: 0.7\n",
    "targets: {diversion_rate: 0.7, wait_p90: {deep: [1, 2]}}\n",
])
def test_targets_of_the_wrong_shape_are_one_problem_each_never_a_crash(journal, run, text):
    path = with_targets(journal, text)
    line = path.read_text(encoding="utf-8").splitlines().index(text.rstrip("\n")) + 1
    result = run("check", env=NOW)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"lobbyctl.yaml:{line}: targets")
    assert "Traceback" not in result.stderr
    recorded = run("greet", "--at", "2026-11-30T10:00", env=NOW)  # recording is never stopped
    assert recorded.exit_code == 0, recorded.stderr
    assert run("report", "month", "2026-11", env=NOW).exit_code == 0


def test_every_issue_name_is_a_target():
    for name in ("diversion_rate", "wait_p90_minutes", "within_10_minutes", "referral_conversion",
                 "formal_complaints_max", "overdue_complaints_max"):
        assert name in TARGET_NAMES
    assert TARGET_NAMES["wait_p90_minutes"] == ("wait_p90", "max")
    assert TARGET_NAMES["diversion_rate"] == ("diversion_rate", "min")


DECIMAL = st.builds(lambda whole, digits: f"{whole}.{digits}",
                    st.sampled_from(["0", "1", "-0", "-3", "20", "123456789012345678"]),
                    st.from_regex(r"[0-9]{1,17}", fullmatch=True))


@settings(max_examples=200, deadline=None)
@given(DECIMAL)
def test_the_fast_reader_reads_a_decimal_as_ruamel_does(text):
    raw = f"format: 1\ntargets:\n  diversion_rate: {text}\n".encode()
    fast = _parse_simple(raw)
    slow = YAML(typ="safe").load(raw.decode())
    assert fast == slow
    assert repr(fast["targets"]["diversion_rate"]) == repr(slow["targets"]["diversion_rate"])


def test_a_hostile_target_name_is_cut_masked_and_escaped(journal, run):
    long_name = "x" * 500
    with_targets(journal, f'targets:\n  "{long_name}": 1\n  "13812345678\\e[31m": 1\n'
                          "  diversion_rate: 1e400\n")
    result = run("check", env=NOW)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(len(line) < 2000 for line in lines)
    assert any("x" * 60 + "…" in line for line in lines) and "x" * 61 not in result.stdout
    assert "13812345678" not in result.stdout and "138****5678" in result.stdout
    assert "\x1b" not in result.stdout
    assert any(line.endswith("targets：diversion_rate 的值 inf 不是数字") for line in lines)
