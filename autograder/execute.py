"""nbgrader's Execute, sandboxed, and resilient to a kernel that dies or stops answering.

``GradingExecute`` replaces ``Execute`` in ``Autograde.autograde_preprocessors``
(nbgrader_config.py). Compared with nbgrader's own:

- the kernel starts in the sandbox of ``autograder.sandbox`` (a loud warning, once per run,
  where the sandbox is unavailable);
- when the kernel dies in a cell (``os._exit``, a segfault, the memory or CPU limit), or a
  timed-out cell does not stop when interrupted, that cell gets an error output saying so
  (a test cell then scores 0), the kernel is started again, the cells above are re-run
  without changing their outputs, and execution goes on with the next cell. A crash costs
  the cells that could not run, not the whole submission (nbgrader alone marks the whole
  notebook as failed);
- what happened is written, one sentence per event, to the file named by
  ``RNN_COURSE_EVENTS_FILE`` (outside the sandbox), for the submission's status line.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_output
from nbgrader import utils
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute
from traitlets import Bool

from .config import EVENTS_VARIABLE
from .course import Course
from .guard import AGENT_NAME, SNAPSHOT_HEADER
from .guard_cells import exercise_names, source_notebook, trusted_names
from .kernel_channel import KernelTransport
from .proof import load_proof
from .remote import Channel
from .sandbox import SandboxedKernelManager, sandbox_summary, unsandboxed_reason
from .trusted_cells import Interrupted, TrustedTests, imported_modules

MAX_RESTARTS = 4
# Run in every new kernel of a lesson graded with the trusted verdict, before any learner code.
AGENT_IMPORT = f"import autograder.agent as {AGENT_NAME}"
SNAPSHOT_TIMEOUT_SECONDS = 300
# After a timeout the kernel was interrupted; this long to show it is listening again.
PROBE_SECONDS = 15
TIMEOUT_ERROR = "CellTimeoutError"
LOST_ERROR = "KernelDied"


class KernelUnresponsive(DeadKernelError):
    """A cell timed out and the kernel ignored the interrupt: treated like a crash."""


def kernel_manager_class() -> type:
    if unsandboxed_reason():
        print(sandbox_summary(), file=sys.stderr)
        return AsyncKernelManager
    return SandboxedKernelManager


class GradingExecute(Execute):
    """Execute in the sandbox; a crashed cell costs that cell, and the rest is still graded."""

    use_trusted_verdict = Bool(True, help=(
        "Run the test cells of a lesson whose proof asks for the trusted verdict in the grading "
        "process (autograder.trusted_cells). False runs every test cell in the learner's kernel, "
        "as nbgrader does: only to show what the trusted verdict prevents.")).tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", kernel_manager_class())
        super().__init__(*args, **kwargs)
        self.sandboxed = issubclass(self.kernel_manager_class, SandboxedKernelManager)

    def preprocess(self, nb, resources=None, km=None):
        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self.events: list[str] = [] if self.sandboxed else [f"graded WITHOUT a sandbox ({unsandboxed_reason()})"]
        self.trusted_tests = self._trusted_tests(resources)
        self.channel_requests, self.channel_seconds = 0, 0.0
        self.skipped: set[int] = set()  # crashed or timed out: not re-run after a restart
        start, restarts = 0, 0
        try:
            while True:
                self.current_index = -1
                try:
                    self._run_from(start, resources)
                    break
                except Exception as error:  # noqa: BLE001 -- whatever broke, it broke in one cell
                    # A dead kernel, or one whose messages are garbled (a forked child writing
                    # to the kernel's sockets): either way that cell's kernel is gone.
                    index = self.current_index
                    restarts += 1
                    self._record_lost_cell(index, error, replaying=index < start)
                    start = max(start, index + 1)
                    self.km, self.kc = None, None
                    if restarts > MAX_RESTARTS:
                        self._give_up(start, restarts)
                        break
        finally:
            self._write_events()
        if self.trusted_tests is not None:
            # what the channel cost, for `make bench` (read from the autograded notebook)
            self.nb.metadata.setdefault("rnn_course", {})["trusted_verdict"] = {
                "requests": self.channel_requests, "channel_seconds": round(self.channel_seconds, 3)}
        self.set_widgets_metadata()
        return self.nb, self.resources

    def _run_from(self, start: int, resources) -> None:
        with self.setup_kernel():
            info = self.wait_for_reply(self.kc.kernel_info())
            self.nb.metadata["language_info"] = info["content"]["language_info"]
            if self.trusted_tests is not None:
                self._load_agent()
            self.baseline_processes = self._sandbox_processes()
            # a restarted kernel needs the state the earlier cells built; their outputs stay
            for index in range(start):
                cell = self.nb.cells[index]
                # a test cell graded here never ran in the kernel: nothing of it to rebuild there
                if cell.cell_type == "code" and index not in self.skipped and not self._graded_here(cell):
                    self.current_index = index
                    self._run_aside(copy.deepcopy(self.nb.cells[index]), index)
            for index in range(start, len(self.nb.cells)):
                self.current_index = index
                self.preprocess_cell(self.nb.cells[index], resources, index)
                if _has_error(self.nb.cells[index], TIMEOUT_ERROR):
                    self.skipped.add(index)
                    self.events.append(f"{self._describe(index)} timed out after {self.timeout} s "
                                       "and was interrupted")
                    self._probe_after_timeout(index)
                self._check_for_leftover_processes()

    def _trusted_tests(self, resources) -> TrustedTests | None:
        """The grader-side test runner, for a lesson whose proof asks for the trusted verdict."""
        info = (resources or {}).get("nbgrader", {})
        if "assignment" not in info or not self.use_trusted_verdict:
            return None
        course = Course(Path(CourseDirectory(config=self.config).root))
        if not load_proof(course, info["assignment"]).trusted_verdict:
            return None
        source = nbformat.read(str(source_notebook(self.config, resources)), as_version=4)
        tests = [cell.source for cell in source.cells if utils.is_grade(cell) and not utils.is_solution(cell)]
        warm = sorted(set().union(*map(imported_modules, tests))) if tests else []
        return TrustedTests(trusted_names(source), exercise_names(source), tuple(warm))

    def _load_agent(self) -> None:
        """Import ``autograder.agent`` in a new kernel, before any learner code runs there."""
        loading = new_code_cell(AGENT_IMPORT)
        self._run_aside(loading, 0)
        failed = [o for o in loading.outputs if o.get("output_type") == "error"]
        if failed:
            raise RuntimeError(f"the grader's agent did not load in the kernel: {failed[0].get('evalue')}")

    def _graded_here(self, cell: NotebookNode) -> bool:
        return self.trusted_tests is not None and utils.is_grade(cell) and not utils.is_solution(cell)

    def preprocess_cell(self, cell, resources, index):
        if not self._graded_here(cell):
            return super().preprocess_cell(cell, resources, index)
        transport = KernelTransport(self, self._get_timeout(cell))
        channel = Channel(transport)
        cell.execution_count = None
        try:
            self.trusted_tests.run(cell, channel, transport.take_output)
        except Interrupted as interrupted:
            if interrupted.kind == "dead":
                raise DeadKernelError(str(interrupted)) from None
            cell.outputs = [new_output("error", ename=TIMEOUT_ERROR, evalue=str(interrupted),
                                       traceback=[f"{TIMEOUT_ERROR}: {interrupted}"])]
        finally:
            self.channel_requests += channel.requests
            self.channel_seconds += transport.seconds
        return cell, resources

    def _run_aside(self, cell: NotebookNode, index: int) -> None:
        """Run ``cell`` in the kernel, leaving the notebook's cell ``index`` as it was.

        (nbclient's execute_cell stores the cell it ran at ``index`` in the notebook.)
        """
        original = self.nb.cells[index]
        try:
            self.execute_cell(cell, index, store_history=False)
        finally:
            self.nb.cells[index] = original

    def _get_timeout(self, cell: NotebookNode | None) -> int | None:
        # The guard's snapshot runs before any learner code and imports numpy and torch, which
        # can take longer than a short cell limit on a loaded machine; cut short, it would leave
        # every test cell without its guard. No learner code can make it slow.
        if cell is not None and cell.get("source", "").startswith(SNAPSHOT_HEADER):
            limit = super()._get_timeout(cell)
            return None if limit is None else max(limit, SNAPSHOT_TIMEOUT_SECONDS)
        return super()._get_timeout(cell)

    def _sandbox_processes(self) -> int:
        counter = getattr(self.km, "sandbox_processes", None)
        return counter() if counter else 0

    def _check_for_leftover_processes(self) -> None:
        """A cell that leaves processes running (a fork bomb) loses its kernel."""
        extra = self._sandbox_processes() - self.baseline_processes
        if extra > 0:
            raise KernelUnresponsive(f"it left {extra} other process(es) running (a fork bomb?)")

    def _probe_after_timeout(self, index: int) -> None:
        """Raise KernelUnresponsive if the kernel does not run a trivial cell any more."""
        probe, saved = new_code_cell("pass"), self.timeout
        self.timeout = PROBE_SECONDS
        try:
            self._run_aside(probe, index)
        finally:
            self.timeout = saved
        if _has_error(probe, TIMEOUT_ERROR):
            raise KernelUnresponsive("the cell timed out and did not stop when interrupted")

    def _record_lost_cell(self, index: int, error: Exception, replaying: bool) -> None:
        if index < 0:
            raise error  # the kernel did not even start: nothing of the notebook ran
        self.skipped.add(index)
        if isinstance(error, KernelUnresponsive):
            cause = str(error)
        elif isinstance(error, CellTimeoutError):  # no sign of life after the interrupt
            cause = "the cell timed out and did not stop when interrupted"
        elif isinstance(error, DeadKernelError):
            cause = "the kernel died (a crash, or the memory or CPU limit)"
        else:
            cause = f"the kernel stopped answering properly ({type(error).__name__}: {str(error)[:80]})"
        if replaying:
            self.events.append(f"{self._describe(index)} ran once, but when re-run after a restart {cause}")
            return
        self.events.append(f"{self._describe(index)}: {cause}; the kernel was restarted and grading went on")
        cell = self.nb.cells[index]
        cell.setdefault("outputs", []).append(new_output(
            "error", ename=LOST_ERROR, evalue=f"While this cell ran, {cause}.",
            traceback=[f"{LOST_ERROR}: While this cell ran, {cause}. The autograder restarted the "
                       "kernel, re-ran the cells above and went on with the next cell."]))

    def _describe(self, index: int) -> str:
        """'cell scalar_rnn_grad' for a graded cell, else its position as the learner counts it."""
        cell = self.nb.cells[index]
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id:
            return f"cell {grade_id}"
        added = 1 if self.nb.cells and self.nb.cells[0].source.startswith(SNAPSHOT_HEADER) else 0
        return f"cell {index + 1 - added} of the notebook"

    def _give_up(self, start: int, restarts: int) -> None:
        self.events.append(f"gave up after {restarts} crashes: {self._describe(start)} onwards did not run"
                           if start < len(self.nb.cells) else f"gave up after {restarts} crashes")
        for cell in self.nb.cells[start:]:
            if cell.cell_type == "code":
                cell.outputs = [new_output(
                    "error", ename=LOST_ERROR, evalue="not run",
                    traceback=[f"{LOST_ERROR}: not run: the kernel crashed {restarts} times before this cell"])]

    def _write_events(self) -> None:
        path = os.environ.get(EVENTS_VARIABLE)
        if path:
            with open(path, "a", encoding="utf-8") as file:
                for event in self.events:
                    file.write(json.dumps(event) + "\n")


def _has_error(cell: NotebookNode, ename: str) -> bool:
    return any(output.get("output_type") == "error" and output.get("ename") == ename
               for output in cell.get("outputs", []))
