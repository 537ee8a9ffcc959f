"""The journal generator (scripts/journalgen.py) and the committed sample
journal it writes (journal/, via scripts/make_sample.py).

If a test here says the committed sample drifted from its script, regenerate
it with ``make sample`` and commit journal/ together with the script change."""

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lobbyctl.schema import vocab
from lobbyctl.schema.ids import ID_PATTERN
from lobbyctl.store.lines import dump_entry

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "scripts"
SAMPLE = REPO / "journal"
sys.path.insert(0, str(SCRIPTS))

import journalgen  # noqa: E402

# A mainland mobile number in any of the ways people type it: 13812345678,
# 138-1234-5678, 138 1234 5678, +86 139 1234 5678.
FULL_MOBILE = re.compile(r"(?<![\d*])1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![\d*])")
FULL_LANDLINE = re.compile(r"(?<![\d*])0\d{2,3}[ -]?\d{7,8}(?![\d*])")
FULL_ID_CARD = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
CACHE = ".lobbyctl-cache"
SMALL = dict(start=datetime.date(2026, 10, 26), end=datetime.date(2026, 11, 2),
             followups_until=datetime.date(2026, 11, 6), busyness=40)


def journal_files(root):
    """{relative path: bytes} of every file in a journal but lobbyctl's cache."""
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if name != CACHE]
        for name in files:
            path = Path(folder, name)
            found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def day_files(root):
    return sorted(Path(root).glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.yaml"))


def load_entries(root):
    """[(path, line number, entry)] of every entry, read as JSON lines."""
    found = []
    for path in day_files(root):
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                assert line.startswith("- {") and line.endswith("}\n"), f"{path}:{number}"
                found.append((path, number, json.loads(line[2:])))
    return found


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("gen") / "journal"
    journalgen.generate(root, seed=7, **SMALL)
    return root


@pytest.fixture(scope="module", params=["generated", "sample"])
def any_journal(request, small):
    if request.param == "generated":
        return small
    if not (SAMPLE / "lobbyctl.yaml").exists():
        pytest.skip("no committed sample journal yet (run: make sample)")
    return SAMPLE


def test_generator_is_deterministic(small, tmp_path):
    again = tmp_path / "journal"
    journalgen.generate(again, seed=7, **SMALL)
    assert journal_files(again) == journal_files(small)
    other = tmp_path / "other-seed"
    journalgen.generate(other, seed=8, **SMALL)
    assert journal_files(other) != journal_files(small)


def test_generated_journal_has_the_expected_days_and_config(small):
    names = [path.name for path in day_files(small)]
    days = [f"2026-10-{day}.yaml" for day in range(26, 32)] + ["2026-11-01.yaml", "2026-11-02.yaml"]
    assert names[:8] == days
    assert all("2026-11-03" <= name[:10] <= "2026-11-06" for name in names[8:])
    config = yaml.safe_load((small / "lobbyctl.yaml").read_text(encoding="utf-8"))
    assert config["branch"] == {"code": "0101", "name": "城东支行"}
    assert config["managers"] == ["王芳", "李强"] and config["timezone"] == "Asia/Shanghai"
    assert "养老理财" in config["products"] and "个人消费贷" in config["products"]
    assert (small / ".gitignore").read_text(encoding="utf-8").strip().endswith(f"\n{CACHE}")


def test_pyyaml_reads_what_json_reads(any_journal):
    # the generated days with yaml.safe_load itself; the larger sample with
    # the same safe loader in C (libyaml), which is far quicker
    loader = yaml.SafeLoader if any_journal != SAMPLE else getattr(yaml, "CSafeLoader",
                                                                   yaml.SafeLoader)
    for path in day_files(any_journal):
        text = path.read_text(encoding="utf-8")
        as_json = [json.loads(line[2:]) for line in text.splitlines()]
        assert yaml.load(text, Loader=loader) == as_json, path
    if any_journal != SAMPLE:
        path = day_files(any_journal)[0]
        text = path.read_text(encoding="utf-8")
        assert yaml.safe_load(text) == [json.loads(line[2:]) for line in text.splitlines()]


def test_entries_are_written_as_the_recording_commands_write_them(any_journal):
    for path in day_files(any_journal):
        with open(path, encoding="utf-8") as handle:
            lines = handle.readlines()
        times = []
        for number, line in enumerate(lines, 1):
            where = f"{path}:{number}"
            entry = json.loads(line[2:])
            assert dump_entry(entry) == line, where
            keys = list(entry)
            assert keys[:4] == ["id", "type", "at", "by"], where
            schema = vocab.FIELDS[entry["type"]]
            assert keys[4:] == [name for name in schema if name in entry], where
            for name in vocab.REQUIRED[entry["type"]]:
                assert name in entry, where
            for name, value in entry.items():
                assert value is not None and value != [] and value != {}, where
                kind = schema.get(name, "")
                if kind == "bool" and name != "new":
                    assert value is True, where
                elif kind.startswith("label:"):
                    assert value in vocab.LABELS[kind[6:]], where
                elif kind.startswith(("labels:", "checklist:")):
                    assert set(value) <= set(vocab.LABELS[kind.partition(":")[2]]), where
                elif kind == "date":
                    datetime.date.fromisoformat(value)
            at = datetime.datetime.fromisoformat(entry["at"])
            assert entry["at"] == at.isoformat(), where
            assert at.utcoffset() == datetime.timedelta(hours=8), where
            assert entry["at"][:10] == path.stem, where
            times.append(entry["at"])
        assert times == sorted(times), f"{path}: entries out of time order"


def test_ids_are_unique_and_well_formed(any_journal):
    seen = set()
    for path, number, entry in load_entries(any_journal):
        entry_id = entry["id"]
        assert ID_PATTERN.match(entry_id), f"{path}:{number}: {entry_id}"
        assert entry_id[:6] == path.stem[2:].replace("-", ""), f"{path}:{number}"
        assert entry_id not in seen, f"{path}:{number}: duplicate id {entry_id}"
        seen.add(entry_id)


def test_no_full_personal_numbers_anywhere(any_journal):
    for relative, data in journal_files(any_journal).items():
        text = data.decode("utf-8")
        for pattern in (FULL_MOBILE, FULL_LANDLINE, FULL_ID_CARD):
            assert not pattern.search(text), f"{relative}: {pattern.search(text).group()!r}"


def test_the_sample_shows_masked_numbers():
    if not (SAMPLE / "lobbyctl.yaml").exists():
        pytest.skip("no committed sample journal yet (run: make sample)")
    text = "".join(path.read_text(encoding="utf-8") for path in day_files(SAMPLE))
    assert len(re.findall(r"1[3-9]\d\*{4}\d{4}", text)) >= 10
    assert re.search(r"010-\*{4}\d{4}", text)


def test_links_point_to_earlier_entries_of_the_right_type(any_journal):
    entries = {}
    for path, number, entry in load_entries(any_journal):
        where = f"{path}:{number}"
        if entry["type"] == "update":
            target = entries.get(entry["ref"])
            assert target is not None, f"{where}: update of unknown or later id {entry['ref']}"
            assert target["type"] in vocab.UPDATABLE, where
            assert target["at"][:10] < entry["at"][:10], f"{where}: update on the same day"
            if target["type"] == "note":
                assert target["kind"] == "fault", where
            if "outcome" in entry:
                assert target["type"] == "refer", where
            if "status" in entry or "steps" in entry:
                assert target["type"] == "complain", where
            if "resolution" in entry:
                assert target["type"] == "complain" or "fixed" in entry, where
            if "fixed" in entry:
                assert target["type"] == "note" and not target.get("fixed"), where
        if entry["type"] == "refer" and "greet" in entry:
            target = entries.get(entry["greet"])
            assert target is not None and target["type"] == "greet", where
        entries[entry["id"]] = entry


def test_the_sample_is_a_realistic_month():
    if not (SAMPLE / "lobbyctl.yaml").exists():
        pytest.skip("no committed sample journal yet (run: make sample)")
    entries = [entry for _, _, entry in load_entries(SAMPLE)]
    by_day = {}
    for entry in entries:
        by_day.setdefault(entry["at"][:10], []).append(entry)
    october = [day for day in by_day if day.startswith("2026-10")]
    assert len(october) >= 28 and "2026-10-31" in october
    assert max(by_day) <= "2026-11-10"
    for day in october:
        types = [entry["type"] for entry in by_day[day]]
        assert types[0] == "open" and types[-1] == "close", day
    # ordinary weekdays (after the National Day holiday week): a few hundred greetings
    weekday_greets = [sum(e["type"] == "greet" for e in by_day[day]) for day in october
                      if datetime.date.fromisoformat(day).weekday() < 5 and day >= "2026-10-08"]
    assert min(weekday_greets) >= 180
    complaints = [e for e in entries if e["type"] == "complain"]
    assert {e["level"] for e in complaints} == {"grumble", "complaint"}
    assert any(e["status"] == "escalated" for e in complaints)
    kinds = {e["kind"] for e in entries if e["type"] == "note"}
    assert {"fault", "hygiene", "hazard", "fraud", "teller", "opinion"} <= kinds
    # a couple of formal complaints are still open past their due date at month end
    resolved = {e["ref"] for e in entries if e["type"] == "update" and e.get("status") == "resolved"}
    overdue = [e for e in complaints if e["level"] == "complaint" and e["id"] not in resolved
               and e["due"] <= "2026-10-31"]
    assert len(overdue) >= 2
    faults = [e["id"] for e in entries if e["type"] == "note" and e["kind"] == "fault"
              and not e.get("fixed")]
    fixed = {e["ref"] for e in entries if e["type"] == "update" and e.get("fixed")}
    assert 0 < len(fixed) < len(faults)  # some fixed later, some never
    sizes = sum(len(data) for data in journal_files(SAMPLE).values())
    assert sizes < 6_000_000


def test_committed_sample_equals_a_fresh_run(tmp_path):
    if not (SAMPLE / "lobbyctl.yaml").exists():
        pytest.skip("no committed sample journal yet (run: make sample)")
    fresh = tmp_path / "journal"
    result = subprocess.run([sys.executable, str(SCRIPTS / "make_sample.py"), str(fresh)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    committed, generated = journal_files(SAMPLE), journal_files(fresh)
    assert sorted(committed) == sorted(generated), "files differ: run `make sample`"
    drifted = [name for name in committed if committed[name] != generated[name]]
    assert not drifted, f"the committed sample drifted from its script: {drifted[:5]}"


def test_make_sample_rewrites_its_own_journal_and_refuses_other_folders(tmp_path):
    script = str(SCRIPTS / "make_sample.py")
    root = tmp_path / "journal"
    for _ in range(2):
        result = subprocess.run([sys.executable, script, str(root)], capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    first = journal_files(root)
    assert "2026/10/2026-10-15.yaml" in first
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    result = subprocess.run([sys.executable, script, str(other)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0 and "nothing was changed" in result.stderr
    assert sorted(os.listdir(other)) == ["notes.txt"]


def test_bench_month_is_a_busy_branch(tmp_path):
    import make_bench_journals

    written = make_bench_journals.write_bench_journals(tmp_path, names=["month"],
                                                       report=lambda text: None)
    stats, seconds = written["month"]
    assert stats.files == 31 and 11_000 <= stats.entries <= 13_500
    assert seconds < 10


def test_lobbyctl_check_passes_on_the_committed_sample(tmp_path):
    assert (SAMPLE / "lobbyctl.yaml").exists(), "no committed sample journal (run: make sample)"
    # a copy, so that check's cache never lands in the working tree
    copy = tmp_path / "journal"
    shutil.copytree(SAMPLE, copy, ignore=shutil.ignore_patterns(CACHE))
    result = subprocess.run([sys.executable, "-m", "lobbyctl", "-J", str(copy), "check"],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path,
                            env={**os.environ, "LOBBYCTL_JOURNAL": "", "LOBBYCTL_BY": ""})
    assert result.returncode == 0, result.stdout + result.stderr
