"""The benchmark's measuring parts, on a tiny notebook (the real run is `make bench`)."""

import time

import nbformat
import pytest

from autograder.bench import time_notebook


def test_time_notebook_reports_seconds_errors_and_quality_figures(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("score = 0.25\nsteps = 7"),
        nbformat.v4.new_code_cell("raise ValueError('shown, not fatal')"),
    ])
    path = tmp_path / "tiny.ipynb"
    nbformat.write(notebook, str(path))
    started = time.perf_counter()
    seconds, errors, quality = time_notebook(path, "{'score': score, 'steps': steps}")
    elapsed = time.perf_counter() - started
    # the notebook's run, not the kernel's start-up or nothing: a part of the call, and more than 0
    assert 0 < seconds <= elapsed, (seconds, elapsed)
    assert errors == ["ValueError: shown, not fatal"]
    assert quality == {"score": 0.25, "steps": 7}


def test_solution_namespace_holds_the_graded_functions():
    from autograder.bench import solution_namespace
    from autograder.course import repo_course

    lesson = solution_namespace(repo_course(), "01_rnn_gradients")
    assert float(lesson["scalar_rnn_grad"](lesson["scalar_rnn_forward"]([-0.5, -0.5, -0.5]))) == 9.0


def test_solution_namespace_keeps_the_notebooks_prints_out_of_the_report(capsys):
    from autograder.bench import solution_namespace
    from autograder.course import repo_course

    # lesson 03's set-up prints a worked example ("[[2.]] [[2.]]"): a stray line in `make bench`
    lesson = solution_namespace(repo_course(), "03_lstm")
    assert "lstm_backward" in lesson
    assert capsys.readouterr().out == ""


def test_the_probe_reads_the_same_run_without_executing_the_notebook_again(tmp_path):
    runs = tmp_path / "runs.txt"
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(f"with open({str(runs)!r}, 'a') as f:\n    f.write('ran\\n')\ntrained = 1"),
    ])
    path = tmp_path / "once.ipynb"
    nbformat.write(notebook, str(path))
    _, errors, quality = time_notebook(path, "{'trained': trained}")
    assert errors == [] and quality == {"trained": 1}
    assert runs.read_text() == "ran\n"


@pytest.mark.slow  # grades a class of four
def test_throughput_grades_a_synthetic_class_with_the_given_workers():
    from autograder.bench_grading import throughput
    from autograder.course import repo_course

    started = time.perf_counter()
    report = throughput(repo_course(), worker_counts=(2,), size=4)
    elapsed = time.perf_counter() - started
    run = report["runs"]["2"]
    # solution, untouched release and two wrong answers: all graded, none failed or rejected
    assert run["submissions"] == 4 and run["graded"] == 4
    # the grading took part of the call, and the rate is the submissions over that time
    # (the report rounds both to 0.1)
    assert 0 < run["seconds"] <= elapsed + 0.05, (run["seconds"], elapsed)
    assert run["per_minute"] == pytest.approx(60 * run["submissions"] / run["seconds"], rel=0.02)
