"""A class on a real JupyterHub, end to end, in Chromium (Playwright) on loopback.

JupyterHub (pinned in requirements.txt) runs deploy/jupyterhub_config.py, the file the
instructor guide describes, with its proxy configurable-http-proxy (Debian's package). Its
test settings: every user logs in with one password (JupyterHub's dummy authenticator), and
the single-user JupyterLab servers run on this machine as this Unix account, each in its own
home folder. nbgrader's exchange is one folder shared by all of them.

1. The instructor releases the example lesson to the exchange (`nbgrader release_assignment`).
2. Two learners log in, in their own browser sessions, open nbgrader's Assignments panel and
   fetch the lesson. Each answers it (ada with every solution, ben with one wrong answer;
   the notebook is written into their home folder as JupyterLab would save it) and submits
   with the panel's Submit button.
3. The instructor collects (`nbgrader collect`), autogrades with `python -m autograder`
   (sandboxed), writes feedback and releases it (`nbgrader release_feedback`).
4. Each learner fetches the feedback in the panel and opens it: ada's shows full marks; ben's
   names the hidden test that failed, with its one-line reason, and never its code.

The hub, the proxy and every server are stopped by the test, which then checks that none of
their processes is left. Screenshots of the panel and the feedback go to the test's temporary
folder; ``RNN_COURSE_UPDATE_SCREENSHOTS=1`` copies them to docs/images/ for the instructor
guide.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from autograder.course import REPO_ROOT, repo_course, scratch_course
from autograder.guard import GUARD_NAME
from autograder.learner_bundle import write_jupyter_config
from autograder.nbgrader_cli import run_nbgrader
from autograder.proof import EXAMPLE, lesson_with_role, load_proof
from autograder.release import build_release
from autograder.submissions import apply_edit, filled_submission, read_notebook, solution_answers, write_notebook

from .test_browser import CHROMIUM, CHROMIUM_ARGS, UPDATE_SCREENSHOTS

pytestmark = [pytest.mark.slow,
              pytest.mark.needs_system("chromium", "node-configurable-http-proxy", "bubblewrap", "util-linux")]

COURSE = repo_course()
LESSON = lesson_with_role(COURSE, EXAMPLE)
PASSWORD = "rnn-course-hub-test"
INSTRUCTOR, RIGHT, PARTLY_WRONG = "instructor", "ada", "ben"
GUIDE_IMAGES = {f"{RIGHT}-assignments.png": "hub-assignments-panel.png",
                f"{PARTLY_WRONG}-feedback.png": "hub-feedback.png"}
HUB_CONFIG = REPO_ROOT / "deploy" / "jupyterhub_config.py"
WHERE = ["--course", "rnn-course"]


@dataclass
class Hub:
    url: str
    root: Path
    exchange: Path
    homes: Path
    log: Path
    process: subprocess.Popen

    def stop(self) -> list[int]:
        """Stop the hub; the processes it left behind (killed), if any."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # JupyterHub's clean stop: servers, then the proxy
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        left = _processes_in(self.root)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        return left


def _free_port_pair() -> int:
    """A port p with p + 1 free too (the hub's API, and the proxy's API next to it)."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            with socket.socket() as second:
                try:
                    second.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
                return port
    raise RuntimeError("no two free ports next to each other on 127.0.0.1")


def _processes_in(folder: Path) -> list[int]:
    """The processes whose working folder is in ``folder``: the hub's (its proxy) and the servers'."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "cwd")).is_relative_to(folder):
                    found.append(int(entry.name))
            except OSError:  # gone, or not ours to read
                pass
    return found


@pytest.fixture
def hub(tmp_path):
    root = tmp_path / "hub"
    exchange, homes, state = root / "exchange", root / "homes", root / "state"
    for folder in (exchange, homes, state):
        folder.mkdir(parents=True)
    exchange.chmod(0o777)  # as on a server: every learner's account writes its submissions there
    write_jupyter_config(root / "learner-jupyter", exchange)
    api_port = _free_port_pair()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    env = {**os.environ, "RNN_COURSE_HUB_STATE": str(state), "RNN_COURSE_HUB_URL": url,
           "RNN_COURSE_HUB_API_PORT": str(api_port),
           "RNN_COURSE_HUB_USERS": f"{INSTRUCTOR} {RIGHT} {PARTLY_WRONG}",
           "RNN_COURSE_LEARNER_JUPYTER": str(root / "learner-jupyter"),
           "RNN_COURSE_HUB_TEST_PASSWORD": PASSWORD, "RNN_COURSE_HUB_HOMES": str(homes),
           "RNN_COURSE_QUICK": "1",
           # this environment's jupyterhub-singleuser first; Debian's proxy finds its modules
           "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
           "NODE_PATH": ":".join(filter(None, ["/usr/share/nodejs", os.environ.get("NODE_PATH")]))}
    log = root / "hub.log"
    process = subprocess.Popen([str(Path(sys.executable).parent / "jupyterhub"), "-f", str(HUB_CONFIG)],
                               cwd=state, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    the_hub = Hub(url, root, exchange, homes, log, process)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{url}/hub/api", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterHub did not start: " + log.read_text()[-3000:])
                time.sleep(0.3)
        yield the_hub
    finally:
        the_hub.stop()  # a second stop, after the test's own, finds nothing to do


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _ok(process: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert process.returncode == 0, (process.stdout or "")[-1500:] + (process.stderr or "")[-1500:]
    return process


def _instructor(course_root: Path, *arguments: str) -> subprocess.CompletedProcess:
    """`python -m autograder --root COURSE ...`, as the instructor types it."""
    return _ok(subprocess.run([sys.executable, "-m", "autograder", "--root", str(course_root), *arguments],
                              capture_output=True, text=True, timeout=900,
                              env={**os.environ, "RNN_COURSE_QUICK": "1"}))


def _log_in(browser, hub: Hub, user: str):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{user}/lab**", timeout=150_000)  # the hub starts the server first
    page.wait_for_selector("#jp-main-dock-panel", timeout=120_000)
    return context, page


def _assignments_panel(page):
    page.click(".lm-MenuBar-itemLabel:text-is('Nbgrader')")
    page.click(".lm-Menu-itemLabel:text-is('Assignment List')")
    panel = page.locator("#nbgrader-assignment-list")
    panel.wait_for()
    return panel


def _shot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / name))
    if os.environ.get(UPDATE_SCREENSHOTS) == "1" and name in GUIDE_IMAGES:
        shutil.copy(tmp_path / name, REPO_ROOT / "docs" / "images" / GUIDE_IMAGES[name])


def test_a_class_fetches_submits_is_graded_and_reads_its_feedback_on_jupyterhub(hub, browser, tmp_path):
    course = scratch_course(hub.root / "course")
    build_release(course, [LESSON])
    exchange = [*WHERE, f"--Exchange.root={hub.exchange}"]
    _ok(run_nbgrader(["release_assignment", LESSON, *exchange], course.root))

    answers = solution_answers(read_notebook(course.source_notebook(LESSON)))
    wrong = load_proof(COURSE, LESSON).wrong_answers[0]
    work = {RIGHT: answers, PARTLY_WRONG: apply_edit(answers, wrong)}
    sessions = {}
    for user, learner_answers in work.items():
        context, page = _log_in(browser, hub, user)
        sessions[user] = (context, page)
        panel = _assignments_panel(page)
        released = panel.locator("#released_assignments_list")
        released.get_by_text(LESSON).first.wait_for()
        released.get_by_role("button", name="Fetch").click()
        fetched = hub.homes / user / LESSON / f"{LESSON}.ipynb"
        downloaded = panel.locator("#fetched_assignments_list")
        downloaded.get_by_text(LESSON).first.wait_for()
        assert fetched.exists(), f"the Fetch button left nothing in {fetched.parent}"
        write_notebook(filled_submission(read_notebook(fetched), learner_answers), fetched)  # the learner's work
        downloaded.get_by_role("button", name="Submit").click()
        panel.locator("#submitted_assignments_list").get_by_text(LESSON).first.wait_for()
        _shot(page, tmp_path, f"{user}-assignments.png")

    _ok(run_nbgrader(["collect", LESSON, *exchange], course.root))
    assert sorted(p.name for p in course.submitted.iterdir()) == [RIGHT, PARTLY_WRONG]
    graded = _instructor(course.root, "autograde", "--assignment", LESSON, "--workers", "2")
    # sandboxed: the run says so, instead of its WITHOUT-a-sandbox warning
    assert "Sandbox: bubblewrap" in graded.stdout + graded.stderr, graded.stderr[-2000:]
    _instructor(course.root, "feedback")
    _ok(run_nbgrader(["release_feedback", LESSON, *exchange], course.root))

    for user, (context, page) in sessions.items():
        page.reload()
        page.wait_for_selector("#jp-main-dock-panel")
        panel = _assignments_panel(page)
        submitted = panel.locator("#submitted_assignments_list")
        submitted.get_by_role("button", name="Fetch Feedback").click()
        view = submitted.locator("a:has-text('view feedback')")
        view.first.wait_for()
        view.first.click()  # the file browser goes to <lesson>/feedback/<timestamp>/
        page.locator(".jp-DirListing-itemText", has_text=f"{LESSON}.html").dblclick()
        viewer = page.frame_locator(".jp-HTMLViewer iframe")
        viewer.locator("body").wait_for()
        text = viewer.locator("body").inner_text()
        autograded = read_notebook(course.autograded / user / LESSON / f"{LESSON}.ipynb")
        errors = [f"{output.ename}: {output.evalue}".splitlines()[0] for cell in autograded.cells
                  if cell.cell_type == "code" for output in cell.get("outputs", []) if output.output_type == "error"]
        if errors:  # where a learner looks first: the first failed test and its reason
            viewer.get_by_text(errors[0][:80]).first.scroll_into_view_if_needed()
        _shot(page, tmp_path, f"{user}-feedback.png")
        assert "their code is not shown" in text, text[:2000]  # the hidden tests' place, without code
        assert "BEGIN HIDDEN TESTS" not in text and GUARD_NAME not in text  # no code of the tests or the grading
        if user == RIGHT:
            assert errors == [], f"the right answers failed: {errors}"
        else:
            assert errors, "the partly wrong submission failed no test"
            assert all(reason in text for reason in errors), \
                f"the feedback does not say why: {errors} not in {text[:3000]}"
        context.close()

    # JupyterHub stops every server it started (cleanup_servers), and its proxy.
    assert hub.stop() == [], "processes left running after the hub stopped"
    assert hub.process.returncode is not None
