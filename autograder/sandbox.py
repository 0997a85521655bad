"""Each submission's kernel runs in a bubblewrap sandbox, with limits, and no container engine.

What the learner's code can do inside (``SandboxedKernelManager``, used by nbgrader's Execute
through ``autograder.execute.GradingExecute``):

- see the machine read-only, except the course directory, which is an empty tmpfs with only
  the Python environment, ``helpers/`` and the guard module put back read-only: no
  ``solutions/``, no hidden tests, no gradebook, no other learner's work;
- write only its own submission folder (where nbgrader runs the notebook) and a small private
  ``/tmp``;
- no network at all (a network namespace of its own, without even loopback to the grader);
- limits: address space (memory), CPU seconds, file size, and number of processes. When the
  grader runs as root, the kernel drops to a user id of its own, so the process limit holds
  (the kernel exempts root from it); a pid namespace means every process the submission
  started dies with its kernel.

The kernel talks to nbgrader over Unix sockets in a private runtime folder bound into the
sandbox (``transport="ipc"``): TCP loopback does not cross the network namespace.

Where bubblewrap is missing or cannot create namespaces, ``sandbox_problem`` says why, the
kernel runs unsandboxed, and the autograder prints a loud warning once per run.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from .config import BWRAP_VARIABLE, COURSE_ROOT_VARIABLE, LIMIT_VARIABLE_PREFIX, REPO_ROOT, SANDBOX_VARIABLE

BWRAP = os.environ.get(BWRAP_VARIABLE, "bwrap")
# A user id of the sandbox's own when the grader is root: far above ordinary accounts.
FIRST_SANDBOX_UID = 200_000
# What the course directory shows inside the sandbox (read-only); everything else of it is hidden.
VISIBLE_IN_COURSE = ("helpers", "autograder/__init__.py", "autograder/guard.py", "autograder/agent.py",
                     "autograder/wire.py", "pyproject.toml")


@dataclass(frozen=True)
class Limits:
    """Per-kernel limits. Each can be changed with an environment variable of the same name."""

    memory_mb: int = 6144        # RNN_COURSE_MEMORY_MB: address space; PyTorch alone maps ~1.5 GB
    cpu_seconds: int = 1800      # RNN_COURSE_CPU_SECONDS: the kernel is killed past this much CPU time
    processes: int = 256         # RNN_COURSE_PROCESSES: processes and threads of the sandbox user
    file_mb: int = 256           # RNN_COURSE_FILE_MB: largest file the kernel may write
    tmp_mb: int = 256            # RNN_COURSE_TMP_MB: size of the sandbox's /tmp

    @classmethod
    def from_environment(cls) -> "Limits":
        values = {}
        for name in cls.__dataclass_fields__:
            raw = os.environ.get(f"{LIMIT_VARIABLE_PREFIX}{name.upper()}")
            if raw:
                values[name] = int(raw)
        return cls(**values)


def sandbox_requested() -> bool:
    return os.environ.get(SANDBOX_VARIABLE, "1") != "0"


@functools.cache
def sandbox_problem() -> str | None:
    """Why kernels cannot be sandboxed here, in one sentence; None when they can."""
    bwrap = shutil.which(BWRAP)
    if not bwrap:
        return "bubblewrap (bwrap) is not installed; install the bubblewrap system package"
    try:
        probe = subprocess.run([bwrap, *namespace_arguments(), "--ro-bind", "/", "/", "--proc", "/proc",
                                "--dev", "/dev", "true"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap could not start: {error}"
    if probe.returncode != 0:
        return f"bubblewrap cannot create namespaces here: {probe.stderr.strip()[:200]}"
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        return "setpriv (util-linux) is missing: the kernel could not drop root"
    return None


def unsandboxed_reason() -> str | None:
    """Why learner code will run without the sandbox, or None when it runs inside it."""
    return f"turned off with {SANDBOX_VARIABLE}=0" if not sandbox_requested() else sandbox_problem()


def sandbox_summary() -> str:
    """One line for the instructor: how learner code will run, or a loud warning."""
    reason = unsandboxed_reason()
    if reason:
        return (f"WARNING: learner code will run WITHOUT a sandbox ({reason}): it could read the "
                "solutions and the gradebook and use the network.")
    limits = Limits.from_environment()
    return (f"Sandbox: bubblewrap, no network, only the submission folder writable; limits "
            f"{limits.memory_mb} MB memory, {limits.cpu_seconds} s CPU, {limits.processes} processes")


def namespace_arguments() -> list[str]:
    # Interrupts reach the kernel as messages (see SandboxedKernelManager), never as signals.
    return ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent"]


def sandbox_uid() -> int:
    """A user id no other running grader uses: one nbgrader process runs one kernel at a time."""
    return FIRST_SANDBOX_UID + os.getpid()


def processes_of(uid: int) -> dict[int, int]:
    """{pid: number of threads} for every process whose real user id is ``uid``, from /proc."""
    found = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("Uid", "").split()[:1] == [str(uid)]:
            found[int(status.parent.name)] = int(fields.get("Threads", "1").strip() or 1)
    return found


def process_count(uid: int) -> int:
    """Threads of all processes of ``uid`` (what RLIMIT_NPROC counts)."""
    return sum(processes_of(uid).values())


def limit_arguments(limits: Limits, uid: int | None) -> list[str]:
    # Unprivileged, the process limit counts all of this user's processes, not the sandbox's.
    processes = limits.processes if uid is not None else process_count(os.getuid()) + limits.processes
    return ["prlimit", f"--as={limits.memory_mb * 2**20}", f"--cpu={limits.cpu_seconds}",
            f"--nproc={processes}", f"--fsize={limits.file_mb * 2**20}", "--core=0", "--"]


def hidden_folders() -> list[Path]:
    """The course directory being graded (RNN_COURSE_ROOT, set by the grader) and this repository."""
    folders = [REPO_ROOT.resolve()]
    graded = os.environ.get(COURSE_ROOT_VARIABLE)
    if graded and Path(graded).resolve() not in folders:
        folders.append(Path(graded).resolve())
    return folders


def sandbox_command(kernel_cmd: list[str], workdir: Path, runtime_dir: Path, limits: Limits,
                    uid: int | None, hidden: list[Path] | None = None) -> list[str]:
    """The kernel command wrapped in prlimit + bwrap (+ setpriv when ``uid`` is given).

    Each folder in ``hidden`` (default: ``hidden_folders()``) is covered by an empty tmpfs;
    the Python environment, ``helpers`` and the guard are put back read-only, and the
    submission folder ``workdir`` and the kernel's ``runtime_dir`` read-write, except the
    notebooks in ``workdir`` (the one being graded holds the hidden tests): those read as empty.
    """
    workdir, runtime_dir = workdir.resolve(), runtime_dir.resolve()
    command = [*limit_arguments(limits, uid), shutil.which(BWRAP) or BWRAP, *namespace_arguments(),
               "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
               "--size", str(limits.tmp_mb * 2**20), "--perms", "1777", "--tmpfs", "/tmp"]
    for folder in hidden if hidden is not None else hidden_folders():
        command += ["--tmpfs", str(folder)]
    repo = REPO_ROOT.resolve()
    for relative in VISIBLE_IN_COURSE:
        if (repo / relative).exists():
            for parent in reversed(Path(relative).parents[:-1]):
                command += ["--perms", "0755", "--dir", str(repo / parent)]
            command += ["--ro-bind", str(repo / relative), str(repo / relative)]
    environment = Path(sys.prefix).resolve()
    command += ["--ro-bind", str(environment), str(environment)]
    # bubblewrap makes the missing parents of a bind target mode 0700: the kernel's own user
    # could not even look at its folder's parent (an earlier lesson's folder beside it gives
    # PermissionError, not "not found"). Make them as ordinary folders first.
    covered = [Path("/tmp"), *(hidden if hidden is not None else hidden_folders())]
    for target in (workdir, runtime_dir):
        roots = [root for root in covered if target.is_relative_to(root) and target != root]
        if roots:
            root = max(roots, key=lambda r: len(r.parts))
            for parent in reversed(target.parents):
                if parent.is_relative_to(root) and parent != root:
                    command += ["--perms", "0755", "--dir", str(parent)]
    command += ["--bind", str(workdir), str(workdir), "--bind", str(runtime_dir), str(runtime_dir)]
    # The notebook being graded lies in the submission folder with its hidden tests restored:
    # inside the sandbox every notebook there reads as empty (and cannot be replaced).
    for notebook in sorted(workdir.glob("*.ipynb")):
        command += ["--ro-bind", "/dev/null", str(notebook)]
    command += ["--chdir", str(workdir),
                "--setenv", "HOME", "/tmp", "--setenv", "IPYTHONDIR", "/tmp/ipython",
                "--setenv", "MPLCONFIGDIR", "/tmp/matplotlib", "--setenv", "TMPDIR", "/tmp",
                # ipykernel quits when its parent looks gone; inside a pid namespace the pid differs
                "--unsetenv", "JPY_PARENT_PID", "--unsetenv", COURSE_ROOT_VARIABLE]
    if uid is not None:
        command += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
                    "--bounding-set=-all", "--no-new-privs"]
    return command + list(kernel_cmd)


def kill_user_processes(uid: int, attempts: int = 20) -> None:
    """SIGKILL every process of the sandbox user (what a fork bomb may have left)."""
    for _ in range(attempts):
        pids = processes_of(uid)
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass  # gone already
        time.sleep(0.05)


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (its children, their children, ...), from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # the command name may hold spaces and parentheses: the fields follow the last ")"
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, waiting = set(), [pid]
    while waiting:
        for child in children.get(waiting.pop(), []):
            if child not in found:
                found.add(child)
                waiting.append(child)
    return found


class SandboxedKernelManager(AsyncKernelManager):
    """An AsyncKernelManager whose kernel starts inside ``sandbox_command``."""

    def __init__(self, **kwargs):
        self._runtime = Path(tempfile.mkdtemp(prefix="rnn-course-kernel-"))
        self._uid = sandbox_uid() if os.geteuid() == 0 else None
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("ip", str(self._runtime / "ipc"))
        kwargs.setdefault("connection_file", str(self._runtime / "kernel.json"))
        super().__init__(**kwargs)
        self.limits = Limits.from_environment()

    async def _async_pre_start_kernel(self, **kw):
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        # A SIGINT to the process group would stop bubblewrap itself; ask the kernel instead.
        self.kernel_spec.interrupt_mode = "message"
        workdir = Path(kw.get("cwd") or os.getcwd())
        if self._uid is not None:
            # the kernel's own user must read its connection file and write its folder
            for path in [self._runtime, *self._runtime.iterdir(), workdir, *workdir.rglob("*")]:
                os.chown(path, self._uid, self._uid, follow_symlinks=False)
        return sandbox_command(kernel_cmd, workdir, self._runtime, self.limits, self._uid), kw

    def sandbox_processes(self) -> int:
        """How many processes run in this kernel's sandbox (bubblewrap's and the kernel's included)."""
        process = getattr(self.provisioner, "process", None)
        return len(descendants(process.pid)) if process is not None and process.pid else 0

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if self._uid is not None:
            kill_user_processes(self._uid)
        if not restart:
            shutil.rmtree(self._runtime, ignore_errors=True)
