"""The installed-wheel run: lobbyctl built as a wheel, installed into a fresh
virtual environment, run from another folder — templates and vocabularies
must come from the package, never from the checkout."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    wheelhouse = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--disable-pip-version-check", "-w", str(wheelhouse), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    [wheel] = wheelhouse.glob("lobbyctl-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                    "--find-links", str(wheelhouse), str(wheel)],
                   check=True, capture_output=True, timeout=600, env=env)
    return wheel, venv / "bin" / "lobbyctl"


def test_wheel_ships_the_templates(installed):
    wheel, _lobbyctl = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert any(name.startswith("lobbyctl/templates/") and name.endswith(".md") for name in names)
    assert "lobbyctl/schema/vocab.py" in names


def test_installed_lobbyctl_records_and_reports_from_another_folder(installed, tmp_path):
    _wheel, lobbyctl = installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def run(*args):
        return subprocess.run([str(lobbyctl), "-J", str(tmp_path / "j"), *args], cwd=elsewhere,
                              capture_output=True, text=True, env=env, timeout=60)

    assert run("init", "--branch-code", "0101", "--manager", "王芳").returncode == 0
    result = run("greet", "--at", "2026-10-20T10:00", "--route", "自助设备", "--count", "2")
    assert result.returncode == 0, result.stderr
    entry_id = result.stdout.strip()
    report = run("report", "month", "2026-10", "--format", "json")
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert data["report"] == "month"
    text = run("report", "month", "2026-10", "--format", "markdown")
    assert text.returncode == 0 and "0101" in text.stdout
    assert run("check").returncode == 0
    assert entry_id in (tmp_path / "j" / "2026" / "10" / "2026-10-20.yaml").read_text(encoding="utf-8")
