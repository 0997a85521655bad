"""``make bench``: how long each solution notebook takes top to bottom, against its target.

Notebooks run at full length here (the quick-run switch tests may set is cleared), in a
fresh kernel each, and the results go to bench-results/bench.json as well as the screen.
Later lessons add their quality figures (perplexity, accuracy) to the same report.
"""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .course import Course

# Targets from the issues: lesson 01 under a minute; every notebook well under 2 minutes.
RUNTIME_TARGET_SECONDS = {"01_rnn_gradients": 60.0}
DEFAULT_TARGET_SECONDS = 90.0

# Quality figures read from each notebook's own variables after it ran: a Python expression
# evaluated in the notebook's kernel, giving a dict of numbers.
QUALITY_PROBES = {
    "02_vanilla_rnn": "{'heldout_perplexity': history['heldout'][-1], "
                      "'unigram_perplexity': baseline, 'training_steps': step}",
}
PROBE_PREFIX = "BENCH-QUALITY:"


def time_notebook(path: Path, probe: str | None = None) -> tuple[float, list[str], dict]:
    """Seconds to execute the notebook in a fresh kernel, the errors it raised, and the
    quality figures of ``probe`` (evaluated after the last cell, not timed)."""
    notebook = nbformat.read(str(path), as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - started
    errors = [f"{o.ename}: {o.evalue}" for c in notebook.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    quality = {}
    if probe:
        notebook.cells.append(nbformat.v4.new_code_cell(
            f"import json as _json\nprint({PROBE_PREFIX!r} + _json.dumps({probe}, default=float))"))
        NotebookClient(notebook, timeout=600, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        for output in notebook.cells[-1].outputs:
            if output.output_type == "stream" and PROBE_PREFIX in output.text:
                quality = json.loads(output.text.split(PROBE_PREFIX, 1)[1])
    return seconds, errors, quality


def run_benchmark(course: Course, output: Path) -> dict:
    os.environ.pop("RNN_COURSE_QUICK", None)
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "processor": platform.machine()}, "notebooks": {}}
    for assignment in course.assignment_ids():
        seconds, errors, quality = time_notebook(course.source_notebook(assignment),
                                                 QUALITY_PROBES.get(assignment))
        target = RUNTIME_TARGET_SECONDS.get(assignment, DEFAULT_TARGET_SECONDS)
        report["notebooks"][assignment] = {"seconds": round(seconds, 2), "target_seconds": target,
                                           "within_target": seconds <= target, "errors": errors,
                                           "quality": quality}
        verdict = "ok" if seconds <= target and not errors else "MISSED"
        figures = "   ".join(f"{k} {v:.4g}" for k, v in quality.items())
        print(f"{assignment:<22s} {seconds:7.1f} s   target {target:5.0f} s   {verdict}   {figures}"
              + (f"   errors: {errors}" if errors else ""))
    output.mkdir(parents=True, exist_ok=True)
    (output / "bench.json").write_text(json.dumps(report, indent=1))
    print(f"written to {output / 'bench.json'}")
    return report
