"""The ``needs_system`` marker: a test that needs a system package skips where it is missing.

    @pytest.mark.needs_system("bubblewrap", "util-linux")

``make test`` installs the packages (``autograder/system_packages.py``), so a missing one
means the machine cannot have it (macOS has no bubblewrap) and its owner opted out. Then the
test is skipped with a one-line reason, and the run ends by listing what was not tested, so
a green run never hides it. Under CI (``CI=true``) the same test fails instead: CI must never
pass by skipping. Loaded for every run by ``-p autograder.tests.needs_system`` (pyproject.toml).
"""

from __future__ import annotations

import os

import pytest

from autograder.system_packages import PACKAGES, missing_reason

NOT_TESTED = pytest.StashKey[dict[str, list[str]]]()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def pytest_configure(config):
    config.stash[NOT_TESTED] = {}


# tryfirst: decided before the test's fixtures start a sandbox, a server or a browser.
@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    for mark in item.iter_markers("needs_system"):
        for name in mark.args:
            if name not in PACKAGES:
                pytest.fail(f"needs_system({name!r}): unknown system package; known: {sorted(PACKAGES)}",
                            pytrace=False)
            reason = missing_reason(name)
            if not reason:
                continue
            item.config.stash[NOT_TESTED].setdefault(name, []).append(item.nodeid)
            if in_ci():
                pytest.fail(f"{reason} [CI=true: a missing system package fails the run, it is not skipped]",
                            pytrace=False)
            pytest.skip(reason)


def pytest_unconfigure(config):
    # After pytest's own closing line, so the last thing a reader sees says what was not run.
    not_tested = config.stash.get(NOT_TESTED, {})
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if not not_tested or reporter is None:
        return
    verdict = "FAILED (CI=true)" if in_ci() else "skipped"
    for name, nodeids in sorted(not_tested.items()):
        files = sorted({nodeid.split("::")[0].rsplit("/", 1)[-1] for nodeid in nodeids})
        reporter.write_line(f"NOT TESTED: {len(nodeids)} tests {verdict} because the system package {name} "
                            f"is missing ({', '.join(files)})", yellow=True, bold=True)
