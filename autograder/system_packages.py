"""The system packages the course's tests need, and how ``make`` gets them.

    python3 autograder/system_packages.py [package ...]     (the Makefile does this)

checks that each named package (all of them by default) is installed and, where one is
missing, installs it with apt-get when running as root or with passwordless sudo; otherwise
it prints one line with the exact command to run and exits non-zero. A machine that cannot
have a package (macOS has no bubblewrap) opts out with ``RNN_COURSE_WITHOUT_SYSTEM=bubblewrap``:
then the tests that need it are skipped with a reason (``needs_system`` marker,
``autograder/tests/needs_system.py``), except under CI, where they fail.

Standard library only: the Makefile runs this with the system Python, before .venv exists.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

OPT_OUT_VARIABLE = "RNN_COURSE_WITHOUT_SYSTEM"


@dataclass(frozen=True)
class SystemPackage:
    name: str  # the Debian package, and the name the needs_system marker takes
    commands: tuple[str, ...]  # all must be found for the package to count as installed
    used_for: str
    # Debian keeps PostgreSQL's server programs off PATH, in a folder per version.
    extra_dirs: str = ""
    files: tuple[str, ...] = ()  # for a package without programs (a font): files that must exist

    def find(self, command: str) -> str | None:
        if command == "bwrap" and os.environ.get("RNN_COURSE_BWRAP"):  # autograder.sandbox reads it too
            command = os.environ["RNN_COURSE_BWRAP"]
        found = shutil.which(command)
        if found or not self.extra_dirs:
            return found
        return next(iter(sorted(glob.glob(os.path.join(self.extra_dirs, command)), reverse=True)), None)

    def missing_commands(self) -> list[str]:
        return ([command for command in self.commands if not self.find(command)]
                + [path for path in self.files if not os.path.exists(path)])


PACKAGES = {package.name: package for package in [
    SystemPackage("bubblewrap", ("bwrap",), "the sandbox each submission's kernel runs in"),
    SystemPackage("util-linux", ("prlimit", "setpriv", "runuser"),
                  "the sandbox's limits and user switch, and PostgreSQL's server user"),
    SystemPackage("chromium", ("chromium",), "the browser test of the learner's JupyterLab"),
    SystemPackage("fonts-nanum", (), "Hangul in Chromium, for the Korean edition's browser test and screenshots",
                  files=("/usr/share/fonts/truetype/nanum/NanumGothic.ttf",)),
    SystemPackage("node-configurable-http-proxy", ("configurable-http-proxy",), "the JupyterHub test's proxy"),
    # Every program the gradebook test calls: a lone initdb (a symlink, say) is not enough.
    SystemPackage("postgresql", ("initdb", "pg_ctl", "pg_isready", "createdb"),
                  "the PostgreSQL gradebook test's own server", extra_dirs="/usr/lib/postgresql/*/bin"),
]}


def missing_reason(name: str) -> str | None:
    """Why the system package ``name`` cannot be used here, in one line; None when it can."""
    package = PACKAGES[name]  # a KeyError names a marker's typo
    absent = package.missing_commands()
    if not absent:
        return None
    return (f"system package {name} is missing ({', '.join(absent)} not found; needed for {package.used_for}): "
            f"`make test` installs it, or run `{apt_command([name])}`")


def opted_out() -> set[str]:
    return {name.strip() for name in os.environ.get(OPT_OUT_VARIABLE, "").split(",") if name.strip()}


def apt_command(names: list[str], sudo: bool = True) -> str:
    return f"{'sudo ' if sudo else ''}apt-get install -y {' '.join(names)}"


def _is_root() -> bool:
    # RNN_COURSE_PRETEND_NOT_ROOT: lets a test see the unprivileged path while running as root.
    return os.geteuid() == 0 and not os.environ.get("RNN_COURSE_PRETEND_NOT_ROOT")


def _can_sudo() -> bool:
    if not shutil.which("sudo") or os.environ.get("RNN_COURSE_PRETEND_NOT_ROOT"):
        return False
    return subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0


def ensure(names: list[str]) -> int:
    """Install what is missing of ``names``, or say in one line how to; the exit status."""
    unknown = [name for name in names if name not in PACKAGES]
    if unknown:
        print(f"rnn-course: unknown system packages {unknown}; known: {sorted(PACKAGES)}", file=sys.stderr)
        return 2
    missing = [name for name in names if missing_reason(name)]
    skipped = [name for name in missing if name in opted_out()]
    if skipped:
        print(f"rnn-course: not installing {' '.join(skipped)} ({OPT_OUT_VARIABLE}): "
              "the tests that need them will be skipped", file=sys.stderr)
    needed = [name for name in missing if name not in skipped]
    if not needed:
        return 0
    opt_out = f"{OPT_OUT_VARIABLE}={','.join(needed)}"
    if not shutil.which("apt-get"):
        print(f"rnn-course: missing system packages {' '.join(needed)} and there is no apt-get here: "
              f"install them with your package manager, or set {opt_out} to skip the tests that need them",
              file=sys.stderr)
        return 1
    if not (_is_root() or _can_sudo()):
        print(f"rnn-course: missing system packages; run `{apt_command(needed)}` "
              f"(or set {opt_out} to skip the tests that need them)", file=sys.stderr)
        return 1
    prefix = [] if _is_root() else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"rnn-course: installing system packages: {' '.join(needed)}", file=sys.stderr)
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", *needed]):
        if subprocess.run([*prefix, *command], env=env).returncode != 0:
            print(f"rnn-course: `{' '.join(command)}` failed; run `{apt_command(needed)}` by hand", file=sys.stderr)
            return 1
    still = [reason for name in needed if (reason := missing_reason(name))]
    for reason in still:  # the package installed but does not provide what the tests call
        print(f"rnn-course: {reason}", file=sys.stderr)
    return 1 if still else 0


if __name__ == "__main__":
    sys.exit(ensure(sys.argv[1:] or list(PACKAGES)))
