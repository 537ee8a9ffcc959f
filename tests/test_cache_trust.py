"""The cache beside a journal is never trusted: not its links (nothing is
written outside the journal), not its settings (lobbyctl.yaml is read
itself), not its figures unless this machine made them for these bytes."""

import json
import os
import stat
import subprocess
import zlib

import pytest
from hypothesis import HealthCheck, assume, example, given, settings, strategies as st

from conftest import day_file, subprocess_run
from robustness import scale

DAY = "2026-11-20"
READERS = [
    ("report", "table", "--type", "greet", "--by", "route", "--period", "month",
     "--from", "2026-11-01", "--to", "2026-11-30", "-f", "csv"),
    ("export", "--from", "2026-11-01", "--to", "2026-11-30", "-f", "csv"),
    ("show", DAY),
    ("report", "month", "2026-11"),
]


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """This test's own machine key folder (``$XDG_CACHE_HOME``)."""
    home = tmp_path / "xdg-this-machine"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def two_greets(run, journal, machine):
    for _ in range(2):
        result = run("greet", "--at", f"{DAY}T10:00", "--segment", "regular",
                     "--purpose", "deposit", "--route", "self-service")
        assert result.exit_code == 0, result.stderr
    return journal


def outputs(run):
    found = []
    for argv in READERS:
        result = run(*argv)
        assert result.exit_code == 0, (argv, result.stderr)
        # the time a report was made is the one line that may differ
        found.append([line for line in result.stdout.splitlines() if "生成时间" not in line])
    return found


def month_cache(journal):
    return journal / ".lobbyctl-cache" / "days" / "2026-11.json"


def forged_entries(day_bytes, count=400):
    entry = json.loads(day_bytes.decode("utf-8").splitlines()[-1][2:])
    return [dict(entry, id=f"261120-{n:06d}") for n in range(count)], list(range(1, count + 1))


def test_a_forged_old_style_day_cache_with_the_right_crc_gives_no_figure(run, two_greets):
    journal = two_greets
    honest = outputs(run)
    data = day_file(journal, DAY).read_bytes()
    entries, lines = forged_entries(data)
    month_cache(journal).parent.mkdir(parents=True, exist_ok=True)
    month_cache(journal).write_text(json.dumps({"version": 2, "files": {f"{DAY}.yaml": {
        "key": [len(data), zlib.crc32(data)], "entries": entries, "lines": lines,
        "torn": None, "canonical": True}}}), encoding="utf-8")
    assert outputs(run) == honest
    assert "400" not in outputs(run)[0]


def test_a_cache_signed_on_another_machine_gives_no_figure(run, two_greets, tmp_path,
                                                           monkeypatch):
    journal = two_greets
    honest = outputs(run)
    from lobbyctl.store.loader import CACHE_VERSION, Signer

    # the forger computes the digest of the committed day file and signs a
    # cache under it with the key of the machine they control
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-other-machine"))
    signer = Signer(str(journal))
    data = day_file(journal, DAY).read_bytes()
    entries, lines = forged_entries(data)
    body = json.dumps({"version": CACHE_VERSION, "files": {f"{DAY}.yaml": {
        "key": [len(data), signer.digest(data)], "entries": entries, "lines": lines,
        "torn": None, "canonical": True}}}).encode("utf-8")
    month_cache(journal).write_bytes(signer.seal("2026-11.json", body))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-this-machine"))
    assert outputs(run) == honest


def test_a_committed_config_cache_cannot_turn_on_personal_data(run, journal, machine):
    raw = (journal / "lobbyctl.yaml").read_bytes()
    from lobbyctl.store.config import _parse

    settings_ = dict(_parse("lobbyctl.yaml", raw), store_personal_data=True)
    cache = journal / ".lobbyctl-cache"
    cache.mkdir(exist_ok=True)
    (cache / "config.json").write_text(json.dumps(
        {"digest": f"{len(raw)}-{zlib.crc32(raw):08x}", "data": settings_}), encoding="utf-8")
    result = run("greet", "--at", f"{DAY}T10:00", "--note", "客户电话 13812345678")
    assert result.exit_code == 0, result.stderr
    assert b"13812345678" not in day_file(journal, DAY).read_bytes()


def _tree(folder):
    found = {}
    for place, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = os.path.join(place, name)
            found[os.path.relpath(path, folder)] = (
                os.readlink(path) if os.path.islink(path) else
                None if os.path.isdir(path) else open(path, "rb").read())
    return found


def _outside(tree):
    return {name: value for name, value in tree.items() if not name.startswith("journal" + os.sep)}


@pytest.mark.parametrize("where", [".lobbyctl-cache", ".lobbyctl-cache/days",
                                   ".lobbyctl-cache/days/2026-11.json"])
@pytest.mark.parametrize("target", ["outside", "parent"])
def test_a_link_in_the_cache_is_never_followed(run, two_greets, tmp_path, where, target):
    journal = two_greets
    honest = outputs(run)
    import shutil

    shutil.rmtree(journal / ".lobbyctl-cache")
    outside = tmp_path / "outside" if target == "outside" else tmp_path
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "config.json").write_text("keep me\n", encoding="utf-8")
    (tmp_path / "outside" / "2026-11.json").write_text("keep me too\n", encoding="utf-8")
    link = journal / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside / "2026-11.json" if where.endswith(".json") else outside)
    before = _tree(tmp_path)
    # said once a process (the runner keeps one process for every command)
    warned = subprocess_run(["-J", journal, *READERS[0]],
                            env={**os.environ, "LOBBYCTL_BY": "", "LOBBYCTL_JOURNAL": ""})
    assert warned.returncode == 0, warned.stderr
    assert warned.stderr.count("未使用缓存") == 1, warned.stderr
    assert str(journal / ".lobbyctl-cache") in warned.stderr
    assert outputs(run) == honest
    assert run("greet", "--at", f"{DAY}T11:00").exit_code == 0
    # outside the journal, not a byte or a name changed (a link to a month's
    # file may be replaced by a real file inside the cache folder: that is fine)
    assert _outside(_tree(tmp_path)) == _outside(before)


@pytest.mark.parametrize("name", [".lobbyctl-cache", ".lobbyctl-cache/config.json"])
def test_git_ignores_a_cache_that_is_a_link_or_a_file(run, journal, name):
    subprocess.run(["git", "init", "-q", str(journal)], check=True, timeout=60)
    path = journal / name
    path.parent.mkdir(exist_ok=True)
    (journal / ".lobbyctl-cache").exists() or (journal / ".lobbyctl-cache").symlink_to("..")
    if name.endswith(".json"):
        path.write_text("{}", encoding="utf-8")
    git = ["git", "-C", str(journal)]
    subprocess.run([*git, "add", "-A"], check=True, timeout=60)
    staged = subprocess.run([*git, "diff", "--cached", "--name-only"], capture_output=True,
                            text=True, check=True, timeout=60).stdout
    assert ".lobbyctl-cache" not in staged
    assert "lobbyctl.yaml" in staged
    assert subprocess.run([*git, "check-ignore", "-q", ".lobbyctl-cache"],
                          timeout=60).returncode == 0


def test_a_cache_file_named_like_the_folder_is_ignored_by_git_too(run, journal):
    subprocess.run(["git", "init", "-q", str(journal)], check=True, timeout=60)
    (journal / ".lobbyctl-cache").write_text("x", encoding="utf-8")
    status = subprocess.run(["git", "-C", str(journal), "status", "--porcelain"],
                            capture_output=True, text=True, check=True, timeout=60).stdout
    assert ".lobbyctl-cache" not in status


GARBAGE = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.text(max_size=4)
    | st.sampled_from(["xx", 10**30, -1, 0, 2**40]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["key", "entries", "lines", "torn", "canonical", "id", "type"]),
        inner, max_size=4), max_leaves=10)
FIELDS = st.fixed_dictionaries({}, optional={
    "entries": GARBAGE, "lines": GARBAGE, "torn": GARBAGE, "canonical": GARBAGE})


def _well_formed(record):
    # a record of the shape ``save`` writes, signed here, is a hit by design:
    # its entries were checked by ``readable`` when it was written
    entries, lines = record.get("entries"), record.get("lines")
    if type(lines) is int and 0 < lines <= 2**31:  # an entry on each of lines 1 to n
        lines = list(range(1, min(lines, 2**16) + 1))
    return (type(entries) is list and type(lines) is list and len(entries) == len(lines)
            and all(type(entry) is dict for entry in entries)
            and all(type(line) is int and 0 < line <= 2**31 for line in lines)
            and type(record.get("canonical")) is bool
            and (record.get("torn") is None or type(record.get("torn")) is int))


@pytest.mark.stress
@settings(max_examples=scale(15, 300), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=FIELDS, files=st.one_of(st.none(), GARBAGE), wrap=st.booleans())
@example(record={"entries": "xx", "lines": [1], "canonical": True}, files=None, wrap=True)
@example(record={"entries": [{}], "lines": [10**30], "canonical": True}, files=None, wrap=True)
@example(record={"entries": [{}, {}], "lines": [1], "canonical": True}, files=None, wrap=True)
@example(record={"entries": [1], "lines": [1], "canonical": True}, files=None, wrap=True)
@example(record={"entries": [{}], "lines": [1], "canonical": 1}, files=None, wrap=True)
@example(record={"entries": [{}], "lines": [1], "canonical": True, "torn": "x"}, files=None,
         wrap=True)
@example(record={}, files=["not", "a", "mapping"], wrap=True)
@example(record={}, files="xx", wrap=False)
def test_a_damaged_cache_signed_here_is_a_miss_never_a_figure(run, two_greets, record, files,
                                                               wrap):
    assume(files is not None or not _well_formed(record))
    journal = two_greets
    if not hasattr(test_a_damaged_cache_signed_here_is_a_miss_never_a_figure, "honest"):
        test_a_damaged_cache_signed_here_is_a_miss_never_a_figure.honest = {}
    honest = test_a_damaged_cache_signed_here_is_a_miss_never_a_figure.honest
    key = str(journal)
    if key not in honest:
        honest[key] = outputs(run)
    from lobbyctl.store.loader import CACHE_VERSION, Signer

    signer = Signer(str(journal))
    data = day_file(journal, DAY).read_bytes()
    if files is None:
        files = {f"{DAY}.yaml": dict(record, key=[len(data), signer.digest(data)])}
    document = {"version": CACHE_VERSION, "files": files} if wrap else files
    body = json.dumps(document).encode("utf-8")
    month_cache(journal).write_bytes(signer.seal("2026-11.json", body))
    assert outputs(run) == honest[key]


def test_a_key_anyone_else_can_read_is_not_trusted(run, two_greets, machine):
    journal = two_greets
    honest = outputs(run)
    key = machine / "lobbyctl" / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    key.chmod(0o644)
    import shutil

    shutil.rmtree(journal / ".lobbyctl-cache")
    assert outputs(run) == honest
    assert not month_cache(journal).exists()


@pytest.mark.parametrize("kind", ["fifo", "device"])
@pytest.mark.parametrize("command", [("greet", "--by", "王芳"), ("show",), ("check",)])
def test_a_config_that_is_not_a_regular_file_is_refused_not_waited_on(run, journal, kind,
                                                                      command):
    config = journal / "lobbyctl.yaml"
    config.unlink()
    if kind == "fifo":
        os.mkfifo(config)
    else:
        config.symlink_to("/dev/zero")
    result = subprocess_run(["-J", journal, *command], timeout=20,
                            env={**os.environ, "LOBBYCTL_BY": "", "LOBBYCTL_JOURNAL": ""})
    assert result.returncode == 1, result.stderr
    assert str(config) in result.stderr
    assert "regular file" in result.stderr
