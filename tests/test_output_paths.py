"""``--output`` never replaces the journal's own files, nor a device, FIFO,
socket, symbolic link or hard-linked file; ``-o -`` is standard output; the
journal's other folders (``reports/``) stay writable."""

import json
import os
import socket
import stat

import pytest

from conftest import day_file

DAY = "2026-11-20"

# every command with --output, as the user would call it for one day
COMMANDS = {
    "report day": ["report", "day", DAY],
    "report month": ["report", "month", "2026-11"],
    "report table": ["report", "table", "--from", DAY, "--to", DAY],
    "due": ["due", "--on", DAY],
    "export": ["export", "--from", DAY, "--to", DAY],
}


@pytest.fixture
def recorded(run, journal):
    for at in ("09:10", "10:20"):
        result = run("greet", "--at", f"{DAY}T{at}", "--route", "counter")
        assert result.exit_code == 0, result.stderr
    path = day_file(journal, DAY)
    return journal, path, path.read_bytes()


@pytest.fixture
def in_journal_dir(journal, monkeypatch):
    monkeypatch.chdir(journal.parent)


def refused(result, *words):
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_the_day_file_is_not_replaced_by_a_report(run, recorded, in_journal_dir, command):
    journal, path, before = recorded
    spellings = [path, f"journal/2026/11/{DAY}.yaml", f"journal/./2026/../2026/11/{DAY}.yaml",
                 journal / "2026" / "11" / "new.md", journal / "2027" / "x.md"]
    for target in spellings:
        result = run(*COMMANDS[command], "-o", target)
        refused(result, "日志自己的文件")
        assert path.read_bytes() == before
    assert sorted(os.listdir(journal / "2026" / "11")) == [f"{DAY}.yaml"]
    assert not (journal / "2027").exists()


def test_relative_spellings_are_resolved_before_deciding(run, recorded, in_journal_dir):
    journal, path, before = recorded
    refused(run("report", "day", DAY, "-o", f"journal/./2026/../2026/11/{DAY}.yaml"))
    refused(run("report", "day", DAY, "-o", f"journal/reports/../2026/11/{DAY}.yaml"))
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["lobbyctl.yaml", ".gitattributes", ".gitignore",
                                  ".lobbyctl-cache/x", ".lobbyctl-torn/x", ".git/config"])
def test_the_journals_own_files_are_refused(run, recorded, name):
    journal, _path, _before = recorded
    target = journal / name
    existed = target.read_bytes() if target.exists() else None
    refused(run("report", "day", DAY, "-o", target))
    refused(run("export", "-o", target))
    assert (target.read_bytes() if target.exists() else None) == existed


def test_a_symlink_to_a_day_file_and_a_symlinked_folder_are_caught(run, recorded, tmp_path):
    journal, path, before = recorded
    link = tmp_path / "today.yaml"
    link.symlink_to(path)
    refused(run("report", "day", DAY, "-o", link), "符号链接")
    assert link.is_symlink() and path.read_bytes() == before
    folder = tmp_path / "nov"
    folder.symlink_to(journal / "2026" / "11")
    refused(run("report", "day", DAY, "-o", folder / f"{DAY}.yaml"))
    refused(run("export", "-o", folder / "fresh.csv"))
    assert path.read_bytes() == before
    assert sorted(os.listdir(journal / "2026" / "11")) == [f"{DAY}.yaml"]


def test_a_hard_link_to_a_day_file_is_not_replaced(run, recorded, tmp_path):
    journal, path, before = recorded
    link = tmp_path / "copy.yaml"
    os.link(path, link)
    for command in COMMANDS.values():
        refused(run(*command, "-o", link), "硬链接")
    assert path.read_bytes() == before and os.stat(link).st_ino == os.stat(path).st_ino


def test_special_files_are_never_replaced(run, recorded, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    sock_path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        for target, word in ((fifo, "FIFO"), (device, "设备文件"), (sock_path, "套接字"),
                             (tmp_path, "目录")):
            for command in COMMANDS.values():
                refused(run(*command, "-o", target), word)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert stat.S_ISCHR(os.lstat(device).st_mode)
        assert stat.S_ISSOCK(os.lstat(sock_path).st_mode)
    finally:
        server.close()


def test_dash_is_standard_output(run, recorded, in_journal_dir):
    journal, _path, _before = recorded
    for command in COMMANDS.values():
        result = run(*command, "-o", "-")
        assert result.exit_code == 0, result.stderr
        assert result.stdout
    assert not (journal.parent / "-").exists()
    rows = run("export", "-o", "-", "--from", DAY, "--to", DAY).stdout.splitlines()
    assert [json.loads(row)["at"][11:16] for row in rows] == ["09:10", "10:20"]


def test_other_folders_of_the_journal_and_plain_files_stay_writable(run, recorded):
    journal, path, before = recorded
    report = journal / "reports" / "2026-11.md"
    result = run("report", "month", "2026-11", "--format", "markdown", "-o",
                 journal / "reports" / "%Y-%m.md")
    assert result.exit_code == 0, result.stderr
    assert report.read_text(encoding="utf-8").startswith("#")
    # replacing a report written before is the point of a cron job
    assert run("report", "month", "2026-11", "-o", report).exit_code == 0
    export = journal / "exports" / "lobby.csv"
    assert run("export", "--format", "csv", "-o", export).exit_code == 0
    assert export.read_text(encoding="utf-8").startswith("branch_code,")
    assert path.read_bytes() == before


def test_the_message_is_in_the_journals_language(run, recorded):
    journal, path, _before = recorded
    config = journal / "lobbyctl.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace('lang: "zh"', 'lang: "en"'),
                      encoding="utf-8")
    result = run("report", "day", DAY, "-o", path)
    refused(result, "the journal's own", "2026/11/2026-11-20.yaml")
