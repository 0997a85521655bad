"""What `make test` does about system packages, and what a run says when one is missing.

The script installs with apt-get as root or with sudo, else prints one line with the exact
command and fails. The needs_system marker skips a test whose package is missing, with a
reason, lists what was not tested at the very end, and fails instead under CI=true.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from autograder.course import REPO_ROOT
from autograder.system_packages import OPT_OUT_VARIABLE, PACKAGES, SystemPackage

pytest_plugins = ["pytester"]

SCRIPT = REPO_ROOT / "autograder" / "system_packages.py"
NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def bin_dir():
    """An empty folder for PATH, readable by the unprivileged user the script runs as."""
    folder = Path(tempfile.mkdtemp(prefix="rnn-course-bin-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def _run_script(bin_dir: Path, *packages: str, **env: str) -> subprocess.CompletedProcess:
    """The script as a user without root or sudo, with only bin_dir on PATH."""
    python, prefix = sys.executable, []
    if os.geteuid() == 0:  # root would really install: run it as nobody instead
        python = shutil.which("python3", path="/usr/bin:/bin") or ""
        prefix = [shutil.which("setpriv") or "setpriv", *NOBODY]
        if not python or subprocess.run([*prefix, python, "-c", "pass"]).returncode != 0:
            pytest.skip("no Python that the user nobody can run (needed to test the unprivileged path as root)")
    # the script's text on stdin: a clone in a folder only root may enter (mktemp -d) stays unreadable to nobody
    return subprocess.run([*prefix, python, "-", *packages], input=SCRIPT.read_text(), capture_output=True,
                          text=True, env={"PATH": str(bin_dir), **env}, cwd="/", timeout=60)


def _fake_command(bin_dir: Path, name: str) -> None:
    (bin_dir / name).write_text("#!/bin/sh\nexit 0\n")
    (bin_dir / name).chmod(0o755)


def test_without_root_or_sudo_one_line_names_the_apt_get_command(bin_dir):
    _fake_command(bin_dir, "apt-get")  # a Debian machine; sudo is not on PATH
    process = _run_script(bin_dir, "bubblewrap", "chromium")
    assert process.returncode == 1
    [line] = process.stderr.strip().splitlines()
    assert "`sudo apt-get install -y bubblewrap chromium`" in line, line
    assert f"{OPT_OUT_VARIABLE}=bubblewrap,chromium" in line, line


def test_without_apt_get_one_line_says_how_to_skip_what_is_missing(bin_dir):
    process = _run_script(bin_dir, "bubblewrap")
    assert process.returncode == 1
    [line] = process.stderr.strip().splitlines()
    assert "no apt-get" in line and f"{OPT_OUT_VARIABLE}=bubblewrap" in line, line


def test_an_opted_out_package_is_not_required_and_says_so(bin_dir):
    process = _run_script(bin_dir, "bubblewrap", **{OPT_OUT_VARIABLE: "bubblewrap"})
    assert process.returncode == 0, process.stderr
    assert "not installing bubblewrap" in process.stderr and "skipped" in process.stderr


def test_installed_packages_need_nothing_and_print_nothing(bin_dir):
    for command in PACKAGES["util-linux"].commands:
        _fake_command(bin_dir, command)
    process = _run_script(bin_dir, "util-linux")
    assert (process.returncode, process.stderr) == (0, "")


def test_one_missing_program_makes_the_package_missing(bin_dir, monkeypatch):
    # A lone initdb (this machine has a symlink in /usr/local/bin) is not PostgreSQL.
    _fake_command(bin_dir, "initdb")
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setitem(PACKAGES, "postgresql", SystemPackage("postgresql", PACKAGES["postgresql"].commands, "x"))
    assert PACKAGES["postgresql"].missing_commands() == ["pg_ctl", "pg_isready", "createdb"]


def test_a_font_package_is_missing_until_its_file_exists(tmp_path):
    font = tmp_path / "NanumGothic.ttf"
    package = SystemPackage("fonts-x", (), "x", files=(str(font),))
    assert package.missing_commands() == [str(font)]
    font.write_bytes(b"")
    assert package.missing_commands() == []


# The marker, in a pytest run of its own with a package that no machine has.
ABSENT = SystemPackage("absent-package", ("rnn-course-no-such-command",), "this test")
PRESENT = SystemPackage("present-package", (sys.executable,), "this test")
MARKED_TESTS = """
import pytest

@pytest.mark.needs_system("absent-package")
def test_needs_the_absent_package():
    pass

@pytest.mark.needs_system("present-package")
def test_needs_a_present_package():
    pass

def test_needs_nothing():
    pass
"""


@pytest.fixture
def marked(pytester, monkeypatch):
    monkeypatch.setitem(PACKAGES, ABSENT.name, ABSENT)
    monkeypatch.setitem(PACKAGES, PRESENT.name, PRESENT)
    monkeypatch.delenv("CI", raising=False)
    pytester.makeini("[pytest]\nmarkers =\n    needs_system: needs system packages\n")
    pytester.makepyfile(test_marked=MARKED_TESTS)

    def run():
        return pytester.runpytest("-p", "autograder.tests.needs_system", "--strict-markers", "-rs")
    return run


def test_a_missing_package_skips_with_a_reason_and_the_run_ends_saying_so(marked):
    result = marked()
    result.assert_outcomes(passed=2, skipped=1)
    result.stdout.fnmatch_lines(
        ["SKIPPED*system package absent-package is missing (rnn-course-no-such-command not found*"])
    assert result.outlines[-1].startswith(
        "NOT TESTED: 1 tests skipped because the system package absent-package is missing (test_marked.py)"), \
        result.outlines[-3:]


def test_under_ci_a_missing_package_fails_the_run(marked, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = marked()
    result.assert_outcomes(passed=2, errors=1)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*system package absent-package is missing*CI=true*"])
    assert "FAILED (CI=true)" in result.outlines[-1], result.outlines[-3:]


def test_a_misspelt_package_is_an_error_not_a_skip(pytester):
    pytester.makeini("[pytest]\nmarkers =\n    needs_system: needs system packages\n")
    pytester.makepyfile(test_typo="import pytest\n\n@pytest.mark.needs_system('bubblewarp')\ndef test_x():\n    pass\n")
    result = pytester.runpytest("-p", "autograder.tests.needs_system")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*bubblewarp*unknown system package*"])
