"""The instructor's command line: ``python -m autograder <command>``.

    release        build notebooks/ from solutions/ (and register the assignments)
    check-release  fail if notebooks/ differs from what solutions/ generates
    collect ZIP    unpack <student>/<assignment>/<files> from a zip into submitted/
    autograde      autograde everything in submitted/ (hidden tests included)
    feedback       write feedback HTML for the graded submissions
    export         write grades.csv (nbgrader's export), the grade table, Canvas's import CSV
                   (roster.csv gives the Canvas ids) and points per exercise; print the table
    report         grade_reports/class_report.html: score distributions, pass rates of the visible and
                   hidden tests per exercise, the most frequent failure reasons, what was not graded,
                   answers copied between learners
    demo           all of the above on the bundled sample class
    learner-bundle dist/rnn-course-learner/ and its zip: what learners get, without solutions
                   (--language ko: dist/rnn-course-learner-ko/, the Korean edition)
    translations [LANGUAGE [LESSON]]
                   which translations are stale or incomplete; for one lesson, the English text
                   of each cell still to translate, with its marker (autograder/translations.py)
    bench          time every solution notebook at full length, with quality figures, and the
                   grading: one full-course submission, a class of 40 with 1, 2 and 4 workers
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .bench import run_benchmark
from .class_report import write_class_report
from .collect import CollectError, collect_zip
from .config import QUICK_RUN_VARIABLE, REPO_ROOT
from .course import Course
from .deadlines import PolicyError, load_policy
from .grading import autograde_all
from .learner_bundle import build_learner_bundle
from .lms_export import RosterError, write_canvas_csv, write_exercise_csv
from .release import build_release, check_release
from .report import export_grades_csv, format_grade_table, generate_feedback, grade_rows, write_grade_table_csv
from .results import load_result
from .samples import SAMPLE_STUDENTS, write_sample_submissions
from .translations import LANGUAGES, TranslationError, to_translate, translated_lessons, translation_problems


def _print_grades(course: Course) -> None:
    rows = grade_rows(course)
    print()
    print(format_grade_table(rows))
    table = write_grade_table_csv(rows, course.reports / "grade_table.csv")
    grades = export_grades_csv(course)
    canvas = write_canvas_csv(course, rows, course.reports / "canvas_grades.csv")
    exercises = write_exercise_csv(course, course.reports / "exercise_scores.csv")
    print(f"\nGrade table with reasons: {table}\nnbgrader's grade export: {grades}\n"
          f"For Canvas's gradebook import: {canvas}\nPoints per exercise: {exercises}")


def _feedback(course: Course, results) -> None:
    for problem in generate_feedback(course, results):
        print(problem, file=sys.stderr)
    print(f"Feedback HTML: {course.feedback}/<student>/<assignment>/")


def cmd_release(course: Course, args) -> int:
    for path in build_release(course, args.assignments or None):
        print(f"wrote {path.relative_to(course.root)}")
    return 0


def cmd_check_release(course: Course, args) -> int:
    problems = check_release(course)
    for problem in problems:
        print(f"DRIFT {problem}")
    if problems:
        print("Run `make release` and commit notebooks/.")
        return 1
    print("notebooks/ matches what solutions/ generates.")
    return 0


def cmd_translations(course: Course, args) -> int:
    if args.lesson:
        print(to_translate(course, args.lesson, args.language) or f"{args.lesson}: nothing to translate.")
        return 0
    problems = [line for language in ([args.language] if args.language else LANGUAGES)
                for lesson in translated_lessons(course, language)
                for line in translation_problems(course, lesson, language)]
    print("\n".join(problems) or "Every translation is current and complete.")
    return 1 if problems else 0


def cmd_collect(course: Course, args) -> int:
    for student, assignment in collect_zip(course, Path(args.zip)):
        print(f"collected {student}/{assignment}")
    return 0


def cmd_autograde(course: Course, args) -> int:
    load_policy(course.root, course.assignment_ids())   # a mistake in deadlines.toml stops the run at once
    build_release(course)  # the gradebook must know every assignment and its hidden tests
    results = autograde_all(course, args.student or None, args.assignment or None, resume=args.resume,
                            workers=args.workers)
    print(f"{len(results)} submission(s) processed; reasons saved under {course.reports}/")
    return 0


def cmd_feedback(course: Course, args) -> int:
    results = [r for s in course.student_ids() for a in course.assignment_ids()
               if (r := load_result(course, s, a))]
    _feedback(course, results)
    return 0


def cmd_export(course: Course, args) -> int:
    _print_grades(course)
    return 0


def cmd_report(course: Course, args) -> int:
    path = write_class_report(course, Path(args.to) if args.to else course.reports / "class_report.html")
    print(f"What the class got wrong (one HTML file, opens offline): {path}")
    return 0


def cmd_demo(course: Course, args) -> int:
    print("== 1. Building the student release from solutions/")
    build_release(course, args.assignment or None)
    print("== 2. Writing the sample class into submitted/")
    for student, what in SAMPLE_STUDENTS.items():
        print(f"   {student:<5s} {what}")
    assignments = args.assignment or course.assignment_ids()
    for assignment in assignments:
        write_sample_submissions(course, assignment)
    # The sample class trains briefly: grades do not depend on it (graded cells never read
    # the switch), and the demo then takes minutes, not the hour of a full-length class.
    os.environ.setdefault(QUICK_RUN_VARIABLE, "1")
    print(f"== 3. Autograding (hidden tests included; training cells shortened, {QUICK_RUN_VARIABLE}=1)")
    results = autograde_all(course, students=list(SAMPLE_STUDENTS), assignments=assignments,
                            workers=os.cpu_count() or 1)
    print("== 4. Feedback")
    _feedback(course, results)
    print("== 5. Grades")
    _print_grades(course)
    print("== 6. What the class got wrong")
    print(f"   {write_class_report(course, course.reports / 'class_report.html')}")
    return 0


def cmd_learner_bundle(course: Course, args) -> int:
    folder, archive = build_learner_bundle(course, course.root / "dist", args.language)
    print(f"Learner bundle (no solutions, no hidden tests): {folder}/ and {archive}")
    return 0


def cmd_bench(course: Course, args) -> int:
    parts = ("notebooks", "grading") if args.part == "all" else (args.part,)
    report = run_benchmark(course, course.root / "bench-results", parts)
    return 0 if all(not n["errors"] for n in report["notebooks"].values()) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=REPO_ROOT,
                        help="the course directory (default: this repository)")
    commands = parser.add_subparsers(dest="command", required=True)
    release = commands.add_parser("release", help="build notebooks/ from solutions/")
    release.add_argument("assignments", nargs="*")
    release.set_defaults(run=cmd_release)
    commands.add_parser("check-release", help="fail if notebooks/ has drifted").set_defaults(run=cmd_check_release)
    collect = commands.add_parser("collect", help="unpack a zip of submissions into submitted/")
    collect.add_argument("zip")
    collect.set_defaults(run=cmd_collect)
    autograde = commands.add_parser("autograde", help="autograde everything in submitted/")
    autograde.add_argument("--student", action="append", help="only this student (repeatable)")
    autograde.add_argument("--assignment", action="append", help="only this assignment (repeatable)")
    autograde.add_argument("--resume", action="store_true",
                           help="keep the grades of submissions unchanged since they were graded")
    autograde.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                           help="submissions graded at once (default: one per core)")
    autograde.set_defaults(run=cmd_autograde)
    commands.add_parser("feedback", help="write feedback HTML").set_defaults(run=cmd_feedback)
    commands.add_parser("export", help="grades.csv and the grade table").set_defaults(run=cmd_export)
    report = commands.add_parser("report", help="class_report.html: what the class got wrong")
    report.add_argument("--to", help="where to write the HTML (default: grade_reports/class_report.html)")
    report.set_defaults(run=cmd_report)
    demo = commands.add_parser("demo", help="the whole pipeline on the sample class")
    demo.add_argument("--assignment", action="append", help="only this lesson (repeatable)")
    demo.set_defaults(run=cmd_demo)
    bundle = commands.add_parser("learner-bundle", help="dist/: what learners get, without solutions")
    bundle.add_argument("--language", choices=LANGUAGES, help="the translated edition (default: English)")
    bundle.set_defaults(run=cmd_learner_bundle)
    translations = commands.add_parser("translations", help="stale or missing translations; what to translate")
    translations.add_argument("language", nargs="?", choices=LANGUAGES)
    translations.add_argument("lesson", nargs="?")
    translations.set_defaults(run=cmd_translations)
    bench = commands.add_parser("bench", help="time the solution notebooks and the grading")
    bench.add_argument("--part", choices=("all", "notebooks", "grading"), default="all")
    bench.set_defaults(run=cmd_bench)
    args = parser.parse_args(argv)
    try:
        return args.run(Course(args.root.resolve()), args)
    except (CollectError, PolicyError, RosterError, TranslationError) as problem:  # the instructor's files
        print(f"python -m autograder {args.command}: {problem}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
