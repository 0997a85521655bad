"""A learner's JupyterLab, driven in a real browser (Playwright + Debian's Chromium).

JupyterLab runs on loopback, with a token, in a scratch copy of the learner bundle and its
Jupyter configuration. The test opens lesson 01, runs every cell and checks what a learner
sees: the stub's message, then a wrong answer's message from helpers.checks, then, with the
answers typed in, the visible tests passing, the figures drawn and nbgrader's Validate
button reporting success. The instructor's panels and JupyterLab's news pop-up must not
show. Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from autograder.course import REPO_ROOT, repo_course
from autograder.learner_bundle import build_learner_bundle
from autograder.submissions import SourceEdit, apply_edit, read_notebook, solution_answers

pytestmark = [pytest.mark.slow, pytest.mark.needs_system("chromium")]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO_ROOT / "test-artifacts" / "browser"
LESSON = "01_rnn_gradients"
TOKEN = "rnn-course-browser-test"
WRONG_FORWARD = SourceEdit("no_tanh", "scalar_rnn_forward", "h = np.tanh(w_xh * x + w_hh * h + b)",
                           "h = w_xh * x + w_hh * h + b", ())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs the system package `chromium`"
    folder, _ = build_learner_bundle(repo_course(), tmp_path_factory.mktemp("dist"))
    state = tmp_path_factory.mktemp("jupyter-state")
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(folder / ".jupyter"),
           "JUPYTER_RUNTIME_DIR": str(state / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
           "JUPYTERLAB_SETTINGS_DIR": str(state / "settings"), "RNN_COURSE_QUICK": "1"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter-lab"), "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={folder}",
         *(["--allow-root"] if os.geteuid() == 0 else [])],  # CI runs as root
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=(state / "server.log").open("w"))
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("JupyterLab did not start: " + (state / "server.log").read_text()[-2000:])
    yield url, folder
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def page(lab):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.set_default_timeout(60_000)
        url, _ = lab
        page.goto(f"{url}/lab/tree/notebooks/{LESSON}/{LESSON}.ipynb?token={TOKEN}")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for()
        _wait_for_idle_kernel(page)
        yield page
        browser.close()


def _wait_for_idle_kernel(page) -> None:
    page.wait_for_function("""() => {
        const status = document.querySelector('.jp-Notebook-ExecutionIndicator');
        return status && status.getAttribute('data-status') === 'idle';
    }""", timeout=120_000)


LAST_EXECUTION = """() => Math.max(0, ...[...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
    .map(p => parseInt((p.textContent.match(/\\[(\\d+)\\]/) || [0, 0])[1])))"""


def _run_all(page) -> None:
    """Run > Run All Cells, and wait until the run has started and every queued cell is done."""
    before = page.evaluate(LAST_EXECUTION)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(f"""() => {{
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
        return ({LAST_EXECUTION})() > {before} && !prompts.some(p => p.textContent.includes('*'));
    }}""", timeout=240_000)
    _wait_for_idle_kernel(page)


def _outputs(page) -> str:
    # text_content, not inner_text: cells scrolled out of view are not rendered, but are there
    return page.locator(".jp-Notebook").first.text_content()


def _type_answer(page, answer: str) -> None:
    """Replace the first remaining stub with ``answer``, as a learner pastes code into a cell."""
    stub = page.locator(".jp-CodeCell").filter(
        has=page.locator(".jp-InputArea", has_text="YOUR CODE HERE")).first
    editor = stub.locator(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(answer)
    page.keyboard.press("Escape")


def test_the_instructor_tools_and_the_news_pop_up_are_not_shown(page):
    time.sleep(3)  # the news question, when enabled, appears a moment after start
    page.screenshot(path=str(ARTIFACTS / "01-opened.png"))
    text = page.locator("body").inner_text()
    assert "official Jupyter news" not in text
    assert "Formgrader" not in text and "Create Assignment" not in text
    assert page.get_by_role("menuitem", name="Nbgrader").count() == 0
    assert page.get_by_role("menuitem", name="Run", exact=True).count() == 1  # the menus are there
    assert page.get_by_role("button", name="Validate").count() == 1


def test_the_stubs_fail_with_the_course_message(page):
    _run_all(page)
    page.screenshot(path=str(ARTIFACTS / "02-stubs.png"), full_page=True)
    assert "Replace this line with your code." in _outputs(page)


def test_a_wrong_answer_gets_the_helpers_checks_message(page):
    answers = solution_answers(read_notebook(repo_course().source_notebook(LESSON)))
    _type_answer(page, apply_edit(answers, WRONG_FORWARD)["scalar_rnn_forward"])
    _run_all(page)
    outputs = _outputs(page)
    failing = page.locator(".jp-CodeCell").filter(has_text="is not close to the expected values").first
    failing.locator(".jp-OutputArea").scroll_into_view_if_needed()
    page.wait_for_timeout(1000)  # cells scrolled into view render a moment later
    page.screenshot(path=str(ARTIFACTS / "03-wrong-answer.png"))
    assert "is not close to the expected values" in outputs
    assert "tanh(2 * 0.5 + 3 * 0 + 1)" in outputs  # the hint a learner can act on
    assert "in assert_close" not in failing.text_content()  # no pages of the checks module's code


def test_with_the_answers_typed_in_the_tests_pass_the_figures_render_and_validate_succeeds(page, lab):
    answers = solution_answers(read_notebook(repo_course().source_notebook(LESSON)))
    # the wrong forward pass is still in its cell: replace it, then fill in the two stubs
    forward = page.locator(".jp-CodeCell").filter(
        has=page.locator(".jp-InputArea", has_text="def scalar_rnn_forward")).first.locator(".cm-content")
    forward.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(answers["scalar_rnn_forward"])
    page.keyboard.press("Escape")
    for exercise in ("scalar_rnn_grad", "clip_by_global_norm"):
        _type_answer(page, answers[exercise])
    _run_all(page)
    outputs = _outputs(page)
    for exercise in answers:
        assert f"{exercise} passes the visible tests." in outputs
    assert "Error" not in outputs.replace("CheckFailed", "")
    assert page.locator(".jp-RenderedImage img").count() >= 3
    page.keyboard.press("Control+S")
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "04-answers.png"))
    page.get_by_role("button", name="Validate").click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=180_000)
    dialog.get_by_text("Success! Your notebook passes all the tests.").wait_for(timeout=180_000)
    page.screenshot(path=str(ARTIFACTS / "05-validate.png"))
