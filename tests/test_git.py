"""Journals in git (issue 4, part 3): two clones that record on the same day
merge with plain `git merge` and no conflict, thanks to the union driver that
`init` sets in .gitattributes; and a day of recording is only added lines."""

import shutil
import subprocess

import pytest
import yaml

from conftest import LOBBYCTL, day_file
from lobbyctl.store.dayfile import read_day
from robustness import DAY, available_recorders, child_env, exists, prepare, recorder_argv

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


class Tools:
    """git and lobbyctl with no user or system git config: only what the test
    sets in its repositories."""

    def __init__(self, home):
        self.env = child_env(home, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null",
                             GIT_TERMINAL_PROMPT="0")

    def git(self, folder, *args, check=True):
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                                text=True, timeout=60, env=self.env)
        if check:
            assert result.returncode == 0, f"git {' '.join(args)}: {result.stdout}{result.stderr}"
        return result

    def identify(self, repo, name):
        self.git(repo, "config", "user.name", name)
        self.git(repo, "config", "user.email", f"{name}@branch.example")

    def record(self, root, n, tag):
        result = subprocess.run([LOBBYCTL, "-J", str(root), *recorder_argv(n, tag)],
                                env=self.env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def lobbyctl(self, root, *args):
        return subprocess.run([LOBBYCTL, "-J", str(root), *args], env=self.env,
                              capture_output=True, text=True, timeout=60)

    def commit_all(self, repo, message):
        self.git(repo, "add", "-A")
        self.git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def tools(tmp_path):
    return Tools(tmp_path)


@pytest.mark.parametrize("day_in_base", [True, False],
                         ids=["day-started-before-cloning", "day-new-in-both-clones"])
def test_two_clones_recording_the_same_day_merge_without_conflict(journal, tmp_path, tools,
                                                                  day_in_base):
    prepare(journal)
    tools.git(journal, "init", "-q", "-b", "main")
    tools.identify(journal, "origin")
    base_ids = [tools.record(journal, n, f"base-{n}") for n in range(3)] if day_in_base else []
    tools.commit_all(journal, "journal")
    clones = {}
    for side in ("a", "b"):
        clone = tmp_path / side
        tools.git(tmp_path, "clone", "-q", str(journal), str(clone))
        tools.identify(clone, side)
        assert tools.git(clone, "check-attr", "merge", f"{DAY[:4]}/{DAY[5:7]}/{DAY}.yaml").stdout \
            .strip().endswith("merge: union")
        clones[side] = [tools.record(clone, n, f"{side}-{n}") for n in range(3, 9)]
        tools.commit_all(clone, f"day recorded in {side}")

    tools.git(tmp_path / "a", "remote", "add", "b", str(tmp_path / "b"))
    tools.git(tmp_path / "a", "fetch", "-q", "b")
    merged = tools.git(tmp_path / "a", "merge", "--no-edit", "b/main", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "CONFLICT" not in merged.stdout
    assert tools.git(tmp_path / "a", "status", "--porcelain").stdout == ""

    path = day_file(tmp_path / "a", DAY)
    text = path.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    entries = yaml.safe_load(text)
    assert entries == read_day(str(path)).entries
    ids = [entry["id"] for entry in entries]
    assert sorted(ids) == sorted(base_ids + clones["a"] + clones["b"])
    assert len(ids) == len(set(ids))
    assert ids[:len(base_ids)] == base_ids  # the shared past stays first, untouched
    if exists("check"):
        result = tools.lobbyctl(tmp_path / "a", "check")
        assert result.returncode == 0, result.stdout + result.stderr
    # recording goes on after the merge
    tools.record(tmp_path / "a", 20, "after-merge")
    assert len(read_day(str(path)).entries) == len(ids) + 1


def test_a_day_of_recording_shows_in_git_diff_as_added_lines_only(journal, tools):
    prepare(journal)
    tools.git(journal, "init", "-q", "-b", "main")
    tools.identify(journal, "origin")
    morning = [tools.record(journal, n, f"morning-{n}") for n in range(4)]
    tools.commit_all(journal, "morning")
    afternoon = [tools.record(journal, n, f"afternoon-{n}") for n in range(4, 4 + 3 * len(
        available_recorders()))]
    diff = tools.git(journal, "diff", "--unified=0", "--no-color").stdout
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed and all(line.startswith("+") for line in changed), diff
    assert len(changed) == len(afternoon)
    assert all(any(entry_id in line for line in changed) for entry_id in afternoon)
    assert not any(entry_id in diff for entry_id in morning)
    numstat = tools.git(journal, "diff", "--numstat").stdout.split()
    assert numstat[:2] == [str(len(afternoon)), "0"]
