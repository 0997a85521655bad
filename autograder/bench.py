"""``make bench``: how long each solution notebook takes top to bottom, against its target,
and what grading costs (``bench_grading``: a full-course submission, and class throughput
with 1, 2 and 4 workers). Each lesson's runtime target, quality figures and any benchmark of
its own come from its proof file (``LessonProof``).

Notebooks run at full length here (the quick-run switch tests may set is cleared), in a
fresh kernel each, and the results go to bench-results/bench.json as well as the screen.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import platform
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .bench_grading import full_course_submission, throughput
from .config import QUICK_RUN_VARIABLE
from .course import Course
from .proof import lesson_proofs

PROBE_PREFIX = "BENCH-QUALITY:"


def time_notebook(path: Path, probe: str | None = None) -> tuple[float, list[str], dict]:
    """Seconds to execute the notebook in a fresh kernel, the errors it raised, and the
    quality figures of ``probe`` (evaluated in the same kernel after the last cell, not timed)."""
    notebook = nbformat.read(str(path), as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    quality = {}
    with client.setup_kernel():
        started = time.perf_counter()
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - started
        errors = [f"{o.ename}: {o.evalue}" for c in notebook.cells if c.cell_type == "code"
                  for o in c.outputs if o.output_type == "error"]
        if probe:
            notebook.cells.append(nbformat.v4.new_code_cell(
                f"import json as _json\nprint({PROBE_PREFIX!r} + _json.dumps({probe}, default=float))"))
            client.execute_cell(notebook.cells[-1], len(notebook.cells) - 1)
            for output in notebook.cells[-1].outputs:
                if output.output_type == "stream" and PROBE_PREFIX in output.text:
                    quality = json.loads(output.text.split(PROBE_PREFIX, 1)[1])
    return seconds, errors, quality


def solution_namespace(course: Course, assignment: str) -> dict:
    """The source notebook's set-up cells and solutions, executed: its graded functions.

    What the set-up cells print (a worked example's result, ...) belongs to the notebook, not
    to the benchmark's report: it is discarded."""
    from .submissions import nbgrader_meta, read_notebook, solution_answers

    notebook = read_notebook(course.source_notebook(assignment))
    namespace: dict = {}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if nbgrader_meta(cell).get("solution") or nbgrader_meta(cell).get("grade"):
            break
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(cell.source, f"{assignment}:setup", "exec"), namespace)
    for grade_id, code in solution_answers(notebook).items():
        exec(compile(code, f"{assignment}:{grade_id}", "exec"), namespace)
    return namespace


def run_benchmark(course: Course, output: Path, parts: tuple[str, ...] = ("notebooks", "grading")) -> dict:
    os.environ.pop(QUICK_RUN_VARIABLE, None)
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "processor": platform.machine()}, "notebooks": {}}
    proofs = lesson_proofs(course)
    for assignment, proof in proofs.items() if "notebooks" in parts else []:
        seconds, errors, quality = time_notebook(course.source_notebook(assignment), proof.quality_probe)
        target = proof.runtime_target_seconds
        report["notebooks"][assignment] = {"seconds": round(seconds, 2), "target_seconds": target,
                                           "within_target": seconds <= target, "errors": errors,
                                           "quality": quality}
        verdict = "ok" if seconds <= target and not errors else "MISSED"
        figures = "   ".join(f"{k} {v:.4g}" for k, v in quality.items())
        print(f"{assignment:<22s} {seconds:7.1f} s   target {target:5.0f} s   {verdict}   {figures}"
              + (f"   errors: {errors}" if errors else ""))
    for assignment, proof in proofs.items():
        if proof.extra_bench and "notebooks" in parts:
            report["notebooks"][assignment]["extra"] = proof.extra_bench(solution_namespace(course, assignment))
    if "grading" in parts:
        print("Grading (sandboxed nbgrader autograde, hidden tests included):")
        plain = {name: figures["seconds"] for name, figures in report["notebooks"].items()}
        if not plain and (output / "bench.json").is_file():  # --part grading: the last full run's
            last = json.loads((output / "bench.json").read_text()).get("notebooks", {})
            plain = {name: figures["seconds"] for name, figures in last.items()}
            report["notebooks"] = last
        report["grading"] = {"full_course_submission": full_course_submission(course, plain),
                             "throughput": throughput(course)}
    output.mkdir(parents=True, exist_ok=True)
    (output / "bench.json").write_text(json.dumps(report, indent=1))
    print(f"written to {output / 'bench.json'}")
    return report
