"""What the class got wrong: one self-contained HTML file (figures inlined, opens offline).

For every lesson: the distribution of scores; for every exercise, the share of submissions
that passed its visible tests and its hidden tests (a test cell passes when it kept all its
points); the most frequent reasons test cells failed (the one-line messages the checks print,
grouped); the submissions that were not graded, with the reason; and pairs of submissions
with an exercise answered alike (autograder/similarity.py). The grades are read from the
gradebook, the autograded notebooks and the grading reports; only the search for copied work
reads the learners' answers, and it never runs them.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from nbgrader.api import Gradebook, MissingEntry  # noqa: E402

from .config import COURSE_ID  # noqa: E402
from .course import Course  # noqa: E402
from .report import NOT_SUBMITTED, grade_rows  # noqa: E402
from .results import GRADED  # noqa: E402
from .similarity import THRESHOLD, SimilarPair, similar_pairs  # noqa: E402
from .submissions import exercise_of, kind_of_test, nbgrader_meta, read_notebook  # noqa: E402

TEST_KINDS = ("visible", "hidden")
REASONS_SHOWN = 12
SIDE_BY_SIDE_SHOWN = 8        # the most alike answers shown with their code; the rest in a table
# Numbers in a message (values, indices, errors) differ between learners with the same bug.
# Digits inside a name (dh_3, W_h2) are kept.
NUMBER = re.compile(r"(?<![\w.])-?\d+(\.\d+)?(e[-+]?\d+)?")


@dataclass
class LessonSummary:
    assignment: str
    max_score: float = 0.0
    scores: list[float] = field(default_factory=list)             # graded submissions only
    not_graded: list[tuple[str, str, str]] = field(default_factory=list)   # (student, status, reason)
    not_submitted: int = 0
    # exercise -> kind -> [passed, graded]
    passes: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    similar: list[SimilarPair] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)              # (test cell, grouped reason) -> submissions
    examples: dict[tuple[str, str], str] = field(default_factory=dict)   # the first message of each group


def failure_reason(cell) -> str | None:
    """The one-line reason a test cell failed: its error's name and the first line of its message."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            first = (output.get("evalue") or "").strip().splitlines()
            return f"{output.get('ename', 'Error')}: {first[0] if first else ''}".strip()
    return None


def grouped(reason: str) -> str:
    """Messages that differ only in their numbers count as one reason."""
    return NUMBER.sub("#", reason)[:240]


def summarize(course: Course) -> list[LessonSummary]:
    summaries: dict[str, LessonSummary] = {}
    graded: dict[str, list[str]] = {}
    for row in grade_rows(course):
        lesson = summaries.setdefault(row.assignment, LessonSummary(row.assignment))
        lesson.max_score = row.max_score
        if row.status == NOT_SUBMITTED:
            lesson.not_submitted += 1
        elif row.status == GRADED:
            lesson.scores.append(row.score)
            graded.setdefault(row.assignment, []).append(row.student)
        else:
            lesson.not_graded.append((row.student, str(row.status), row.message))
    with Gradebook(course.db_url, COURSE_ID) as gradebook:
        for lesson in summaries.values():
            for student in graded.get(lesson.assignment, []):
                try:
                    submission = gradebook.find_submission(lesson.assignment, student)
                except MissingEntry:
                    continue
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        exercise = exercise_of(grade.name) or grade.name
                        kind = kind_of_test(grade.name)
                        counts = lesson.passes.setdefault(exercise, {k: [0, 0] for k in TEST_KINDS})[kind]
                        counts[1] += 1
                        counts[0] += int(grade.max_score > 0 and grade.score >= grade.max_score)
                for cell, reason in _reasons(course, student, lesson.assignment):
                    lesson.reasons[(cell, grouped(reason))] += 1
                    lesson.examples.setdefault((cell, grouped(reason)), reason)
    # copied work is looked for in what was handed in, graded or not yet
    for assignment in course.assignment_ids():
        handed_in = any(course.submission_dir(s, assignment).is_dir() for s in course.student_ids())
        if handed_in and course.release_notebook(assignment).is_file():
            summaries.setdefault(assignment, LessonSummary(assignment)).similar = similar_pairs(course, assignment)
    return [summaries[a] for a in sorted(summaries)]


def _reasons(course: Course, student: str, assignment: str) -> set[tuple[str, str]]:
    """(test cell, reason) for every failed test cell of one autograded submission."""
    path = course.autograded / student / assignment / f"{assignment}.ipynb"
    if not path.is_file():
        return set()
    found = set()
    for cell in read_notebook(path).cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and not meta.get("solution"):
            reason = failure_reason(cell)
            if reason:
                found.add((meta["grade_id"], reason))
    return found


def _figure_png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def score_figure(lesson: LessonSummary) -> str:
    figure, ax = plt.subplots(figsize=(4.2, 2.6))
    top = lesson.max_score or 1.0
    ax.hist(lesson.scores, bins=min(20, max(5, int(top))), range=(0, top), color="#4c72b0", edgecolor="white")
    ax.set_xlabel(f"score (of {top:g})")
    ax.set_ylabel("submissions")
    ax.set_title(f"{lesson.assignment}: {len(lesson.scores)} graded", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return _figure_png(figure)


def pass_rate_figure(lesson: LessonSummary) -> str:
    exercises = list(lesson.passes)
    figure, ax = plt.subplots(figsize=(5.6, 0.45 * len(exercises) + 1.0))
    for offset, kind, color in ((-0.2, "visible", "#55a868"), (0.2, "hidden", "#c44e52")):
        rates = [100 * p / n if n else 0 for p, n in (lesson.passes[e][kind] for e in exercises)]
        ax.barh([i + offset for i in range(len(exercises))], rates, height=0.38, color=color, label=f"{kind} tests")
    ax.set_yticks(range(len(exercises)), exercises)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("submissions that passed (%)")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _figure_png(figure)


STYLE = """.side{display:flex;gap:.6em}.side pre{flex:1;min-width:0;overflow-x:auto;background:#f7f7f7;
padding:.5em;font-size:.78em;margin:.3em 0}
body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}td,th{border:1px solid #ddd;padding:.25em .5em;
text-align:left;vertical-align:top}th{background:#f4f4f4}.figs{display:flex;flex-wrap:wrap;gap:1em}
code{font-size:.85em}.muted{color:#666}"""


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def lesson_section(lesson: LessonSummary) -> str:
    parts = [f"<h2 id='{html.escape(lesson.assignment)}'>{html.escape(lesson.assignment)}</h2>"]
    graded = len(lesson.scores)
    mean = sum(lesson.scores) / graded if graded else 0.0
    parts.append(f"<p>{graded} graded, {len(lesson.not_graded)} not graded, {lesson.not_submitted} not "
                 f"submitted. Mean score {mean:.2f} of {lesson.max_score:g}.</p>")
    if graded:
        figures = [f"<img alt='scores of {html.escape(lesson.assignment)}' "
                   f"src='data:image/png;base64,{score_figure(lesson)}'>"]
        if lesson.passes:
            figures.append(f"<img alt='pass rates of {html.escape(lesson.assignment)}' "
                           f"src='data:image/png;base64,{pass_rate_figure(lesson)}'>")
        parts.append(f"<div class='figs'>{''.join(figures)}</div>")
        rows = [[f"<code>{html.escape(e)}</code>",
                 *(f"{k[0]} / {k[1]}" for k in (lesson.passes[e][kind] for kind in TEST_KINDS))]
                for e in lesson.passes]
        parts.append(_table(["exercise", "visible tests passed", "hidden tests passed"], rows))
    if lesson.reasons:
        parts.append("<h3>Most frequent failure reasons</h3><p class='muted'>Messages that differ only in "
                     "their numbers count as one reason; one of them is shown.</p>")
        rows = [[str(count), f"<code>{html.escape(key[0])}</code>", html.escape(lesson.examples[key][:400])]
                for key, count in lesson.reasons.most_common(REASONS_SHOWN)]
        parts.append(_table(["submissions", "test cell", "reason (one example)"], rows))
    parts.append(f"<h3>Similar answers</h3><p class='muted'>Pairs with an exercise whose two answers share at "
                 f"least {THRESHOLD:.0%} of their code, names and line order aside (the code the release gives "
                 f"left out). A reason to look, not a verdict.</p>")
    if not lesson.similar:
        parts.append("<p>None.</p>")
    listed = sorted(((pair, answer) for pair in lesson.similar for answer in pair.answers),
                    key=lambda item: (-item[1].similarity, item[0].students, item[1].exercise))
    for pair, answer in listed[:SIDE_BY_SIDE_SHOWN]:
        first, second = (html.escape(s) for s in pair.students)
        parts.append(f"<p><b>{first}</b> and <b>{second}</b>, <code>{html.escape(answer.exercise)}</code>: "
                     f"{answer.similarity:.0%} alike</p><div class='side'>"
                     + "".join(f"<pre>{html.escape(code)}</pre>" for code in answer.code) + "</div>")
    if len(listed) > SIDE_BY_SIDE_SHOWN:
        parts.append(f"<p>{len(listed) - SIDE_BY_SIDE_SHOWN} more, without their code:</p>")
        parts.append(_table(["students", "exercise", "alike"], [
            [html.escape(" and ".join(pair.students)), f"<code>{html.escape(answer.exercise)}</code>",
             f"{answer.similarity:.0%}"] for pair, answer in listed[SIDE_BY_SIDE_SHOWN:]]))
    if lesson.not_graded:
        parts.append("<h3>Not graded</h3>")
        parts.append(_table(["student", "status", "reason"], [[html.escape(s), html.escape(st), html.escape(m)]
                                                              for s, st, m in lesson.not_graded]))
    return "\n".join(parts)


def write_class_report(course: Course, path: Path) -> Path:
    """The report as one HTML file at ``path``: no server, no network, the figures inlined."""
    lessons = summarize(course)
    contents = " · ".join(f"<a href='#{html.escape(x.assignment)}'>{html.escape(x.assignment)}</a>"
                          for x in lessons)
    body = "\n".join(lesson_section(lesson) for lesson in lessons) or "<p>No submissions in the gradebook.</p>"
    page = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>What the class got wrong"
            f"</title><style>{STYLE}</style></head><body><h1>What the class got wrong</h1>"
            f"<p class='muted'>{contents}</p>{body}</body></html>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
