"""``python -m autograder report``: what the class got wrong, one HTML file that opens offline.

A synthetic class of 40 is written straight into a gradebook (no grading run): who passes
which test cell, and with which failure message, is planted, so the report's figures are
checked against the plan and not against the code that reads the gradebook. The real grading
proof class of lesson 01 then checks the report on autograded notebooks, and Chromium, with
the network cut off, shows every figure of it.
"""

from __future__ import annotations

import re
import shutil
import warnings

import nbformat
import pytest
from nbgrader.api import Gradebook
from sqlalchemy.exc import SAWarning

from autograder import gradebook
from autograder.class_report import grouped, summarize, write_class_report
from autograder.config import COURSE_ID
from autograder.course import scratch_course
from autograder.release import build_release
from autograder.results import REJECTED, GradingResult, save_result
from autograder.submissions import exercise_of, nbgrader_meta, read_notebook

from .conftest import ONLY_VARIABLE, graded_assignments

LESSON = "01_rnn_gradients"
CLASS_SIZE = 40
NOT_GRADED = {"s38": "01_rnn_gradients.ipynb is an empty file - scored 0",
              "s39": "missing notebook: expected 01_rnn_gradients.ipynb in the submission - scored 0"}


def planted_pass(student: int, cell: str, cells: list[str]) -> bool:
    """The plan: student i fails the k-th test cell when i is a multiple of k + 2."""
    return student % (cells.index(cell) + 2) != 0


def _failed_cell_output(student: int, cell: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("error", ename="CheckFailed", traceback=[],
                                  evalue=f"{cell} is not close to the expected values: got {student}.5, expected 1")


@pytest.fixture(scope="module")
def synthetic_class(tmp_path_factory):
    course = scratch_course(tmp_path_factory.mktemp("report"))
    build_release(course, [LESSON])
    release = read_notebook(course.release_notebook(LESSON))
    cells = [nbgrader_meta(c)["grade_id"] for c in release.cells
             if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")]
    graded = [f"s{i:02d}" for i in range(CLASS_SIZE) if f"s{i:02d}" not in NOT_GRADED]
    with warnings.catch_warnings(), Gradebook(course.db_url, COURSE_ID) as book:
        warnings.simplefilter("ignore", SAWarning)
        for i, student in enumerate(graded):
            book.add_student(student)
            book.add_submission(LESSON, student)
            for cell in cells:
                grade = book.find_grade(cell, LESSON, LESSON, student)
                grade.auto_score = grade.max_score if planted_pass(i, cell, cells) else 0.0
            autograded = nbformat.from_dict(release)
            for notebook_cell in autograded.cells:
                cell = nbgrader_meta(notebook_cell).get("grade_id")
                if cell in cells and not planted_pass(i, cell, cells):
                    notebook_cell.outputs = [_failed_cell_output(i, cell)]
            path = course.autograded / student / LESSON / f"{LESSON}.ipynb"
            path.parent.mkdir(parents=True)
            nbformat.write(autograded, str(path))
        book.db.commit()
    for student, reason in NOT_GRADED.items():
        gradebook.record_zero(course.db_url, student, LESSON)
        save_result(course, GradingResult(student, LESSON, REJECTED, reason))
    return course, cells, graded


def test_the_report_counts_what_was_planted(synthetic_class):
    course, cells, graded = synthetic_class
    [lesson] = summarize(course)
    assert len(lesson.scores) == len(graded) == CLASS_SIZE - len(NOT_GRADED)
    assert sorted(s for s, _, _ in lesson.not_graded) == sorted(NOT_GRADED)
    assert {s: reason for s, _, reason in lesson.not_graded} == NOT_GRADED
    for cell in cells:
        kind = "hidden" if cell.endswith("_hidden") else "visible"
        planted = sum(planted_pass(i, cell, cells) for i in range(len(graded)))
        assert lesson.passes[exercise_of(cell)][kind] == [planted, len(graded)], cell
        # every learner who failed it printed the same message with their own number: one reason
        [(key, count)] = [(k, n) for k, n in lesson.reasons.items() if k[0] == cell]
        assert count == len(graded) - planted
    points = {c: float(nbgrader_meta(x)["points"]) for x in read_notebook(course.release_notebook(LESSON)).cells
              if (c := nbgrader_meta(x).get("grade_id")) in cells}
    for i, score in enumerate(lesson.scores):
        assert score == sum(points[c] for c in cells if planted_pass(i, c, cells))


def test_messages_that_differ_only_in_numbers_are_one_reason_and_names_keep_their_digits():
    assert grouped("got 0.25, expected -1e-05 at (2, 3)") == grouped("got 7, expected 4.5 at (0, 1)")
    assert grouped("dh_3/dh_1 is off") != grouped("dh_2/dh_1 is off")


def test_the_report_is_one_file_that_needs_no_network(synthetic_class, tmp_path):
    course, cells, _ = synthetic_class
    path = write_class_report(course, tmp_path / "report.html")
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=['\"](https?:|//|/)", text), "everything must be inlined"
    images = re.findall(r"<img [^>]*src='([^']*)'", text)
    assert len(images) == 2 and all(src.startswith("data:image/png;base64,") for src in images)
    for student, reason in NOT_GRADED.items():
        assert student in text and reason.split(" - ")[0] in text
    assert "is not close to the expected values: got" in text


@pytest.mark.slow
@pytest.mark.needs_system("chromium")
@pytest.mark.parametrize("assignment", [LESSON])         # grades lesson 01's proof class only
def test_chromium_shows_every_figure_of_the_report_offline(graded_class, assignment, tmp_path):
    from playwright.sync_api import sync_playwright

    from .test_browser import CHROMIUM, CHROMIUM_ARGS

    if assignment not in graded_assignments():
        pytest.skip(f"{assignment} is not graded in this run ({ONLY_VARIABLE})")
    course = graded_class.course(assignment)
    path = write_class_report(course, tmp_path / "report.html")
    shutil.copy(path, tmp_path / "copied.html")          # opened from anywhere: nothing relative to find
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(offline=True, viewport={"width": 1100, "height": 900})
        page = context.new_page()
        page.goto((tmp_path / "copied.html").as_uri())
        widths = page.eval_on_selector_all("img", "images => images.map(i => i.complete ? i.naturalWidth : 0)")
        page.screenshot(path=str(tmp_path / "class-report.png"), full_page=True)
        headings = page.locator("h2").all_inner_texts()
        browser.close()
    assert len(widths) == 2 and all(w > 200 for w in widths), widths
    assert headings == [assignment]
