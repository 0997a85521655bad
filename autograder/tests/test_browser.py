"""A learner's JupyterLab, driven in a real browser (Playwright + Debian's Chromium).

JupyterLab runs on loopback, with a token, in a scratch copy of the learner bundle and its
Jupyter configuration. Each test opens lesson 01 afresh (the released notebook, no kernel, a
clean workspace), runs every cell and checks what a learner sees: the stub's message, a wrong
answer's message from helpers.checks, or, with the answers typed in, the visible tests
passing, the figures drawn (a diagram at notebook width), a slider that redraws its figure
when a learner types a new value, a prediction self-check answered wrong and then right, and
nbgrader's Validate button reporting success. The instructor's panels and JupyterLab's news
pop-up must not show.

Screenshots go to each test's temporary folder. The README's two pictures are taken here:
``RNN_COURSE_UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest autograder/tests/test_browser.py``
copies them to docs/images/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from autograder.course import REPO_ROOT, repo_course
from autograder.learner_bundle import DISABLED_LAB_PLUGINS, build_learner_bundle
from autograder.submissions import SourceEdit, apply_edit, read_notebook, solution_answers

pytestmark = [pytest.mark.slow, pytest.mark.needs_system("chromium")]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
UPDATE_SCREENSHOTS = "RNN_COURSE_UPDATE_SCREENSHOTS"  # "1": the README's pictures are replaced
README_IMAGES = {"03-wrong-answer.png": REPO_ROOT / "docs" / "images" / "learner-wrong-answer.png",
                 "05-validate.png": REPO_ROOT / "docs" / "images" / "learner-validate.png"}
LESSON = "01_rnn_gradients"
NOTEBOOK = f"notebooks/{LESSON}/{LESSON}.ipynb"
TOKEN = "rnn-course-browser-test"
WRONG_FORWARD = SourceEdit("no_tanh", "scalar_rnn_forward", "h = np.tanh(w_xh * x + w_hh * h + b)",
                           "h = w_xh * x + w_hh * h + b", ())


def _start_lab(folder: Path, state: Path, extra_env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """JupyterLab on a port it picks itself (--port=0), and its URL, read from its server file.

    Jupyter binds port 0, reads the port back, closes that socket and listens again: another
    process could take the port in between, and then the server exits. That is rare, and a
    fresh start picks a fresh port, so a server that exits is started again (three tries).
    """
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(folder / ".jupyter"),
           "JUPYTER_RUNTIME_DIR": str(state / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
           "JUPYTERLAB_SETTINGS_DIR": str(state / "settings"), "RNN_COURSE_QUICK": "1", **(extra_env or {})}
    log = state / "server.log"
    for _ in range(3):
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter-lab"), "--no-browser", "--port=0",
             "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={folder}",
             *(["--allow-root"] if os.geteuid() == 0 else [])],  # CI runs as root
            cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))
        info = state / "runtime" / f"jpserver-{server.pid}.json"
        deadline = time.monotonic() + 120
        while server.poll() is None and time.monotonic() < deadline:
            try:
                url = json.loads(info.read_text())["url"].rstrip("/")
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
                return server, url
            except (OSError, ValueError, KeyError):  # no server file yet, or not answering yet
                time.sleep(0.2)
        server.kill()
        server.wait(timeout=30)
    pytest.fail("JupyterLab did not start: " + log.read_text()[-2000:])


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs the system package `chromium`"
    folder, _ = build_learner_bundle(repo_course(), tmp_path_factory.mktemp("dist"))
    state = tmp_path_factory.mktemp("jupyter-state")
    server, url = _start_lab(folder, state)
    yield url, folder
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _shut_down_kernels(url: str) -> None:
    """End every kernel session of the server: the next test's notebook starts from nothing."""
    with urllib.request.urlopen(f"{url}/api/sessions?token={TOKEN}", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(f"{url}/api/sessions/{session['id']}?token={TOKEN}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


@contextmanager
def opened_lesson(browser, url: str, folder: Path, released: Path, workspace: str, **context_options):
    """``released`` copied into the lab's lesson folder and opened in a new browser context, a new
    kernel and a reset workspace; the context is closed and every kernel ended afterwards."""
    _shut_down_kernels(url)
    shutil.copyfile(released, folder / NOTEBOOK)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, **context_options)
    page = context.new_page()
    page.set_default_timeout(60_000)
    workspace = workspace.replace("[", "-").replace("]", "")
    page.goto(f"{url}/lab/workspaces/{workspace}/tree/{NOTEBOOK}?reset&token={TOKEN}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    _wait_for_idle_kernel(page)
    yield page
    context.close()
    _shut_down_kernels(url)


def screenshot_taker(page, tmp_path: Path, readme_images: dict[str, Path]):
    def take(name: str, element=None, **options) -> None:
        """The page (or only ``element``, a locator, scrolled into view whole) as tmp_path/name."""
        path = tmp_path / name
        (element or page).screenshot(path=str(path), **options)
        if os.environ.get(UPDATE_SCREENSHOTS) == "1" and name in readme_images:
            shutil.copyfile(path, readme_images[name])
    return take


@pytest.fixture
def page(lab, browser, request):
    """Lesson 01 as released, opened in a new browser context, a new kernel and a reset workspace.

    Each test starts here, so any one of them runs alone (``-k``) or in any order.
    """
    url, folder = lab
    with opened_lesson(browser, url, folder, repo_course().release_notebook(LESSON), request.node.name) as page:
        yield page


@pytest.fixture
def screenshot(page, tmp_path):
    return screenshot_taker(page, tmp_path, README_IMAGES)


def _wait_for_idle_kernel(page) -> None:
    page.wait_for_function("""() => {
        const status = document.querySelector('.jp-Notebook-ExecutionIndicator');
        return status && status.getAttribute('data-status') === 'idle';
    }""", timeout=120_000)


LAST_EXECUTION = """() => Math.max(0, ...[...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
    .map(p => parseInt((p.textContent.match(/\\[(\\d+)\\]/) || [0, 0])[1])))"""


def _run_all(page, menu: tuple[str, str] = ("Run", "Run All Cells")) -> None:
    """Run > Run All Cells (``menu``: the two names in the interface's language), and wait until
    the run has started and every queued cell is done."""
    before = page.evaluate(LAST_EXECUTION)
    page.get_by_role("menuitem", name=menu[0], exact=True).click()
    page.get_by_role("menuitem", name=menu[1], exact=True).click()
    page.wait_for_function(f"""() => {{
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
        return ({LAST_EXECUTION})() > {before} && !prompts.some(p => p.textContent.includes('*'));
    }}""", timeout=240_000)
    _wait_for_idle_kernel(page)


def _outputs(page) -> str:
    # text_content, not inner_text: cells scrolled out of view are not rendered, but are there
    return page.locator(".jp-Notebook").first.text_content()


def _type_answer(page, answer: str, stub_text: str = "YOUR CODE HERE") -> None:
    """Replace the first remaining stub (a cell showing ``stub_text``) with ``answer``, as a
    learner pastes code into a cell."""
    stub = page.locator(".jp-CodeCell").filter(
        has=page.locator(".jp-InputArea", has_text=stub_text)).first
    editor = stub.locator(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(answer)
    page.keyboard.press("Escape")


def _look_at_the_diagram(page, screenshot) -> None:
    """The unrolled-RNN diagram, drawn at notebook width in the default theme: a screenshot to read."""
    cell = page.locator(".jp-CodeCell").filter(has=page.locator(".jp-InputArea", has_text="draw_unrolled_rnn(")).first
    image = cell.locator(".jp-RenderedImage img")
    image.scroll_into_view_if_needed()
    box = image.bounding_box()
    assert box and box["width"] >= 600, f"the diagram is drawn {box and box['width']} pixels wide"
    screenshot("04a-diagram.png", element=image)


def _move_a_slider(page, screenshot) -> None:
    """Type a new w_hh into the first slider's readout: the figure under the sliders is redrawn."""
    from playwright.sync_api import expect

    sliders = page.locator(".widget-interact").first
    sliders.scroll_into_view_if_needed()
    figure = sliders.locator("img").first
    figure.wait_for()
    before = figure.get_attribute("src")
    readout = sliders.locator(".widget-readout").first
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("2.5")
    page.keyboard.press("Enter")
    expect(sliders.locator("img").first).not_to_have_attribute("src", before, timeout=60_000)
    screenshot("04b-slider.png", element=sliders)


def _predict(page, answer: str) -> str:
    """Commit to ``answer`` in the lesson's prediction cell, run everything, and read the check's verdict."""
    from playwright.sync_api import expect

    cell = page.locator(".jp-CodeCell").filter(has=page.locator(".jp-InputArea", has_text="my_prediction = ")).first
    editor = cell.locator(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(f"my_prediction = {answer!r}")
    page.keyboard.press("Escape")
    _run_all(page)
    check = page.locator(".jp-CodeCell").filter(
        has=page.locator(".jp-InputArea", has_text='check_choice("my_prediction"')).first
    verdict = check.locator(".jp-OutputArea")
    verdict.scroll_into_view_if_needed()
    expect(verdict).to_contain_text(re.compile(r"Right\.|Not quite"), use_inner_text=True)
    return verdict.text_content()


def _answer_the_self_check_wrong_then_right(page, screenshot) -> None:
    """The prediction self-check says why a wrong prediction is wrong, names the right one, and accepts it.

    "larger" is the intuition the lesson argues against (saturating states shrink the gradient)."""
    wrong = _predict(page, "larger")
    named = re.search(r"Not quite: it is '([^']+)'\.", wrong)
    assert named, f"a wrong prediction did not get 'Not quite: it is ...': {wrong!r}"
    screenshot("04c-prediction-wrong.png")
    right = _predict(page, named.group(1))
    assert right.startswith("Right."), f"the named answer {named.group(1)!r} was not accepted: {right!r}"
    assert len(right.split()) > 10, "a right prediction still gets the reason why"
    screenshot("04d-prediction-right.png")


def test_the_instructor_tools_and_the_news_pop_up_are_not_shown(page, screenshot):
    # The news question appears a moment after start, when its plugin runs: that it never will
    # is read from the page's configuration (what JupyterLab loads plugins by), not waited for.
    config = json.loads(page.locator("#jupyter-config-data").text_content())
    disabled = config["disabledExtensions"]
    assert set(DISABLED_LAB_PLUGINS) <= set(disabled), (
        f"enabled in the learner's lab: {set(DISABLED_LAB_PLUGINS) - set(disabled)}")
    screenshot("01-opened.png")
    text = page.locator("body").inner_text()
    assert "official Jupyter news" not in text
    assert "Formgrader" not in text and "Create Assignment" not in text
    assert page.get_by_role("menuitem", name="Nbgrader").count() == 0
    assert page.get_by_role("menuitem", name="Run", exact=True).count() == 1  # the menus are there
    assert page.get_by_role("button", name="Validate").count() == 1


def test_the_stubs_fail_with_the_course_message(page, screenshot):
    _run_all(page)
    screenshot("02-stubs.png", full_page=True)
    assert "Replace this line with your code." in _outputs(page)


def test_a_wrong_answer_gets_the_helpers_checks_message(page, screenshot):
    from playwright.sync_api import expect

    answers = solution_answers(read_notebook(repo_course().source_notebook(LESSON)))
    _type_answer(page, apply_edit(answers, WRONG_FORWARD)["scalar_rnn_forward"])
    _run_all(page)
    outputs = _outputs(page)
    failing = page.locator(".jp-CodeCell").filter(has_text="is not close to the expected values").first
    failing.locator(".jp-OutputArea").scroll_into_view_if_needed()
    # a cell scrolled into view is rendered a moment later: wait until its message is drawn
    expect(failing.locator(".jp-OutputArea")).to_contain_text("is not close to the expected values",
                                                              use_inner_text=True)
    screenshot("03-wrong-answer.png")
    assert "is not close to the expected values" in outputs
    assert "tanh(2 * 0.5 + 3 * 0 + 1)" in outputs  # the hint a learner can act on
    assert "in assert_close" not in failing.text_content()  # no pages of the checks module's code


def test_with_the_answers_typed_in_the_tests_pass_the_figures_render_and_validate_succeeds(page, lab, screenshot):
    from playwright.sync_api import expect

    _, folder = lab
    answers = solution_answers(read_notebook(repo_course().source_notebook(LESSON)))
    for exercise in answers:  # in the notebook's order: each fills the first stub left
        _type_answer(page, answers[exercise])
    _run_all(page)
    outputs = _outputs(page)
    for exercise in answers:
        assert f"{exercise} passes the visible tests." in outputs
    assert "Error" not in outputs.replace("CheckFailed", "")
    assert page.locator(".jp-RenderedImage img").count() >= 3
    _look_at_the_diagram(page, screenshot)
    _move_a_slider(page, screenshot)
    _answer_the_self_check_wrong_then_right(page, screenshot)
    # Validate checks the file on disk: wait until the save has finished (the tab is clean)
    current_tab = page.locator(".lm-TabBar-tab.jp-mod-current").filter(has_text=f"{LESSON}.ipynb")
    expect(current_tab).to_have_class(re.compile(r"\bjp-mod-dirty\b"))
    page.keyboard.press("Control+S")
    expect(current_tab).not_to_have_class(re.compile(r"\bjp-mod-dirty\b"))
    saved = (folder / NOTEBOOK).read_text()
    assert all(f"{exercise} passes the visible tests." in saved for exercise in answers)
    screenshot("04-answers.png")
    page.get_by_role("button", name="Validate").click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=180_000)
    dialog.get_by_text("Success! Your notebook passes all the tests.").wait_for(timeout=180_000)
    screenshot("05-validate.png")
