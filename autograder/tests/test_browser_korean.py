"""The Korean edition in a real browser: lesson 01 in Korean, in JupyterLab's Korean interface.

The Korean learner bundle (JupyterLab's Korean language pack, RNN_COURSE_LANGUAGE=ko as its
Makefile sets it) runs in Chromium like the English one in test_browser.py. A wrong answer
gets helpers.checks' message in Korean with the Korean hint of the translated visible test;
with the answers typed in, the figures render with Hangul titles and no missing glyph, and
nbgrader's Validate passes. The README's Korean section shows two of the screenshots:
``RNN_COURSE_UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest autograder/tests/test_browser_korean.py``
copies them to docs/images/.
"""

from __future__ import annotations

import ast
import os
import re

import pytest

from autograder.course import REPO_ROOT, repo_course
from autograder.learner_bundle import build_learner_bundle
from autograder.submissions import SourceEdit, apply_edit, read_notebook, solution_answers
from helpers.checks import WRONG_SHAPE

from .test_browser import (
    CHROMIUM,
    LESSON,
    _outputs,
    _run_all,
    _start_lab,
    _type_answer,
    browser,  # noqa: F401 -- the shared Chromium fixture
    opened_lesson,
    screenshot_taker,
)

pytestmark = [pytest.mark.slow, pytest.mark.needs_system("chromium", "fonts-nanum")]
RUN_ALL = ("실행", "모든 셀 실행")  # Run > Run All Cells in the Korean language pack
STUB = "여기에 코드를 작성하세요"
README_IMAGES = {"ko-wrong-answer.png": REPO_ROOT / "docs" / "images" / "learner-ko-wrong-answer.png",
                 "ko-figure.png": REPO_ROOT / "docs" / "images" / "learner-ko-figure.png"}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# A common slip whose visible test has a hint in words: h_0 kept as the first state returned.
KEEPS_H0 = SourceEdit("keeps_h0", "scalar_rnn_forward",
                      "    hs = np.zeros(len(xs))\n    h = h0\n    for t, x in enumerate(xs):\n"
                      "        h = np.tanh(w_xh * x + w_hh * h + b)\n        hs[t] = h\n    return hs",
                      "    hs = [h0]\n    h = h0\n    for x in xs:\n        h = np.tanh(w_xh * x + w_hh * h + b)\n"
                      "        hs.append(h)\n    return np.array(hs)", ())


def _korean_release():
    return read_notebook(repo_course().translated_release("ko") / LESSON / f"{LESSON}.ipynb")


def _hints(notebook, cell_text: str) -> list[str]:
    """The hint= texts of the first code cell containing ``cell_text`` (the visible tests as released)."""
    cell = next(cell for cell in notebook.cells if cell.cell_type == "code" and cell_text in cell.source)
    return [keyword.value.value for node in ast.walk(ast.parse(cell.source)) if isinstance(node, ast.Call)
            for keyword in node.keywords if keyword.arg == "hint"]


@pytest.fixture(scope="module")
def korean_lab(tmp_path_factory):
    assert os.path.exists(CHROMIUM), "Chromium is missing: `make test` installs the system package `chromium`"
    folder, _ = build_learner_bundle(repo_course(), tmp_path_factory.mktemp("dist-ko"), "ko")
    state = tmp_path_factory.mktemp("jupyter-state-ko")
    # the bundle's own user settings hold the Korean locale (test_browser keeps a scratch folder)
    server, url = _start_lab(folder, state, {"RNN_COURSE_LANGUAGE": "ko",
                                            "JUPYTERLAB_SETTINGS_DIR": str(folder / ".jupyter/lab/user-settings")})
    yield url, folder
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture
def page(korean_lab, browser, request):  # noqa: F811 -- browser is the shared fixture
    url, folder = korean_lab
    released = repo_course().translated_release("ko") / LESSON / f"{LESSON}.ipynb"
    with opened_lesson(browser, url, folder, released, request.node.name, locale="ko-KR") as page:
        yield page


@pytest.fixture
def screenshot(page, tmp_path):
    return screenshot_taker(page, tmp_path, README_IMAGES)


def test_the_interface_and_the_lesson_are_in_korean(page):
    assert page.get_by_role("menuitem", name=RUN_ALL[0], exact=True).count() == 1
    assert page.get_by_role("menuitem", name="Run", exact=True).count() == 0
    first = page.locator(".jp-MarkdownCell").first.inner_text()
    assert HANGUL.search(first), first[:200]


def test_a_wrong_answer_gets_the_korean_message_and_hint(page, screenshot):
    from playwright.sync_api import expect

    answers = solution_answers(read_notebook(repo_course().source_notebook(LESSON)))
    _type_answer(page, apply_edit(answers, KEEPS_H0)["scalar_rnn_forward"], STUB)
    _run_all(page, RUN_ALL)
    wrong_shape = WRONG_SHAPE["ko"].split("{shape}")[1].split(",")[0]   # "인데" of "모양이 (2,)인데, ..."
    failing = page.locator(".jp-CodeCell").filter(has_text="모양이 (2,)" + wrong_shape).first
    failing.locator(".jp-OutputArea").scroll_into_view_if_needed()
    expect(failing.locator(".jp-OutputArea")).to_contain_text("모양이 (2,)", use_inner_text=True)
    screenshot("ko-wrong-answer.png")
    message = failing.locator(".jp-OutputArea").text_content()
    shape_hint = _hints(_korean_release(), "scalar_rnn_forward(np.array([0.5]))")[0]
    assert HANGUL.search(shape_hint) and shape_hint in message, (shape_hint, message[-600:])
    assert "has shape" not in _outputs(page)       # helpers.checks spoke Korean


def test_with_the_answers_typed_in_korean_figures_render_and_validate_succeeds(page, korean_lab, screenshot):
    from playwright.sync_api import expect

    answers = solution_answers(read_notebook(repo_course().source_notebook(LESSON)))
    for exercise in answers:
        _type_answer(page, answers[exercise], STUB)
    _run_all(page, RUN_ALL)
    outputs = _outputs(page)
    assert "Error" not in outputs.replace("CheckFailed", ""), outputs[-2000:]
    assert "missing from font" not in outputs, "a figure lost Hangul glyphs"
    plotted = page.locator(".jp-CodeCell").filter(
        has=page.locator(".jp-InputArea", has_text="plot_gradient_norms(")).first
    title = re.search(r'title="([^"]+)"', plotted.locator(".jp-InputArea").text_content())
    assert title and HANGUL.search(title.group(1)), "the figure's title in the lesson is not Korean"
    image = plotted.locator(".jp-RenderedImage img").first
    image.scroll_into_view_if_needed()
    screenshot("ko-figure.png", element=image)
    current_tab = page.locator(".lm-TabBar-tab.jp-mod-current").filter(has_text=f"{LESSON}.ipynb")
    page.keyboard.press("Control+S")
    expect(current_tab).not_to_have_class(re.compile(r"\bjp-mod-dirty\b"))
    page.get_by_role("button", name="Validate").click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=180_000)
    dialog.get_by_text("Success! Your notebook passes all the tests.").wait_for(timeout=180_000)
    screenshot("ko-validate.png")
