"""Running lobbyctl as a user the file permissions apply to.

Root reads and writes everything, so a test of "cannot read" or "cannot
write" needs another user.  As a normal user, that is the user itself.  As
root, it is ``nobody`` (65534) through ``setpriv``; since the venv's Python
lives under a folder only root may enter, ``nobody`` runs the system's
``python3`` on a world-readable copy of this checkout's ``lobbyctl`` package
and of the venv's site-packages (same Python minor version, so the compiled
ruamel.yaml extension loads).  A missing tool fails the test: it never skips."""

import os
import shutil
import subprocess
import sys
import tempfile

import pytest

from conftest import LOBBYCTL

NOBODY = 65534
SYSTEM_PYTHON = "/usr/bin/python3"
SETPRIV = "/usr/bin/setpriv"


class Unprivileged:
    """``argv(*args)``: the command line that runs ``lobbyctl *args`` as the
    unprivileged user; ``folder()``: a new world-readable temp folder to
    put a journal in (pytest's tmp_path is 0700, closed to that user)."""

    def __init__(self):
        self._copy = None
        self._folders = []

    def argv(self, *args):
        args = [str(arg) for arg in args]
        if os.geteuid() != 0:
            return [LOBBYCTL, *args]
        return [SETPRIV, "--reuid", str(NOBODY), "--regid", str(NOBODY), "--clear-groups",
                "--", SYSTEM_PYTHON, "-s", "-B", "-m", "lobbyctl", *args]

    def env(self, base):
        if os.geteuid() != 0:
            return base
        return {**base, "PYTHONPATH": self._packages(), "PYTHONNOUSERSITE": "1"}

    def run(self, *args, env, **kwargs):
        kwargs.setdefault("capture_output", True)
        kwargs.setdefault("text", True)
        kwargs.setdefault("timeout", 60)
        return subprocess.run(self.argv(*args), env=self.env(env), **kwargs)

    def folder(self):
        folder = tempfile.mkdtemp(prefix="lobbyctl-unprivileged-")
        os.chmod(folder, 0o755)
        self._folders.append(folder)
        return folder

    def check_really_unprivileged(self, env):
        """The user the commands run as is not root, and is the one asked for."""
        argv = self.argv()[:-2] if os.geteuid() == 0 else [sys.executable]
        probe = subprocess.run([*argv, "-c", "import os, lobbyctl; print(os.geteuid())"],
                               env=self.env(env), capture_output=True, text=True, timeout=60)
        assert probe.returncode == 0, probe.stderr
        assert int(probe.stdout) == (NOBODY if os.geteuid() == 0 else os.geteuid()) != 0

    def _packages(self):
        if self._copy is None:
            for tool in (SETPRIV, SYSTEM_PYTHON):
                assert os.access(tool, os.X_OK), f"{tool} is needed to drop root's privileges"
            copy = self.folder()
            import lobbyctl

            package = os.path.dirname(os.path.abspath(lobbyctl.__file__))
            site = next(path for path in sys.path if path.endswith("site-packages")
                        and os.path.isdir(os.path.join(path, "click")))
            leave_out = shutil.ignore_patterns("__pycache__", "*.pth", "__editable__*", "pip",
                                               "_pytest", "pytest", "hypothesis", "pygments",
                                               "setuptools", "lobbyctl*")
            shutil.copytree(site, copy, ignore=leave_out, dirs_exist_ok=True)
            shutil.copytree(package, os.path.join(copy, "lobbyctl"),
                            ignore=shutil.ignore_patterns("__pycache__"))
            for folder, dirs, files in os.walk(copy):
                os.chmod(folder, 0o755)
                for name in files:
                    os.chmod(os.path.join(folder, name), 0o644)
            self._copy = copy
        return self._copy

    def clean(self):
        for folder in self._folders:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def unprivileged():
    helper = Unprivileged()
    yield helper
    helper.clean()
