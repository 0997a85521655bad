"""The instructor's command line and zip collection, run as a person would run them."""

import subprocess
import sys
import zipfile

import pytest

from autograder.collect import CollectError, collect_zip
from autograder.course import REPO_ROOT, scratch_course


def _zip(path, entries):
    with zipfile.ZipFile(path, "w") as bundle:
        for name, text in entries.items():
            bundle.writestr(name, text)
    return path


def test_collect_unpacks_student_folders_and_replaces_older_files(tmp_path):
    course = scratch_course(tmp_path / "course")
    old = course.submission_dir("zoe", "01_rnn_gradients") / "old.ipynb"
    old.parent.mkdir(parents=True)
    old.write_text("{}")
    archive = _zip(tmp_path / "class.zip", {
        "zoe/01_rnn_gradients/01_rnn_gradients.ipynb": "{}",
        "yan/01_rnn_gradients/01_rnn_gradients.ipynb": "{}",
    })
    assert collect_zip(course, archive) == [("yan", "01_rnn_gradients"), ("zoe", "01_rnn_gradients")]
    assert (course.submission_dir("yan", "01_rnn_gradients") / "01_rnn_gradients.ipynb").is_file()
    assert not old.exists()


@pytest.mark.parametrize("entry,reason", [
    ("../evil/01_rnn_gradients/x.ipynb", "expected <student_id>/<assignment_id>/<file>"),
    ("zoe/x.ipynb", "expected <student_id>/<assignment_id>/<file>"),
    ("zoe/99_unknown/x.ipynb", "unknown assignment '99_unknown'"),
])
def test_collect_refuses_entries_outside_the_layout(tmp_path, entry, reason):
    course = scratch_course(tmp_path / "course")
    with pytest.raises(CollectError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        collect_zip(course, _zip(tmp_path / "bad.zip", {entry: "{}"}))
    assert not course.submitted.exists()


@pytest.mark.slow  # the whole pipeline, one lesson
def test_demo_grades_the_sample_class_and_prints_the_table(tmp_path):
    course = scratch_course(tmp_path / "course")
    # one lesson keeps this test short; the grading proof covers every lesson
    process = subprocess.run([sys.executable, "-m", "autograder", "--root", str(course.root), "demo",
                              "--assignment", "01_rnn_gradients"],
                             capture_output=True, text=True, cwd=REPO_ROOT, timeout=600)
    assert process.returncode == 0, process.stderr[-3000:]
    table = {line.split()[0]: line for line in process.stdout.splitlines()
             if line.split() and line.split()[0] in {"ada", "ben", "cleo", "dev", "eve"}
             and "01_rnn_gradients" in line}
    assert "9 / 9" in table["ada"] and "all tests passed" in table["ada"]
    assert "0 / 9" in table["ben"]
    assert "3 / 9" in table["cleo"]
    assert "0 / 9" in table["dev"] and "not valid JSON" in table["dev"]
    assert "0 / 9" in table["eve"] and "renamed?" in table["eve"]
    assert (course.root / "grades.csv").read_text().count("01_rnn_gradients") == 5
    assert (course.feedback / "ada" / "01_rnn_gradients" / "01_rnn_gradients.html").is_file()
    canvas = (course.reports / "canvas_grades.csv").read_text(encoding="utf-8").splitlines()
    assert canvas[0].startswith("Student,ID,SIS User ID,SIS Login ID,Section,") and len(canvas) == 2 + 5
    assert "What the class got wrong" in (course.reports / "class_report.html").read_text(encoding="utf-8")


@pytest.mark.slow  # nbgrader generates every lesson's release
def test_check_release_passes_on_the_repository():
    process = subprocess.run([sys.executable, "-m", "autograder", "check-release"],
                             capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)
    assert process.returncode == 0, process.stdout + process.stderr
    assert "matches" in process.stdout
