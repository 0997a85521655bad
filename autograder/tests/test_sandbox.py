"""The sandbox a submission's kernel runs in (autograder.sandbox), probed from inside a kernel."""

import json
import os
import socket

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from autograder.sandbox import REPO_ROOT, Limits, SandboxedKernelManager, sandbox_command, sandbox_problem, sandbox_uid

NEEDS_SANDBOX = pytest.mark.needs_system("bubblewrap", "util-linux")
PROBE = r'''
import errno, json, os, resource, socket, pathlib
report = {"uid": os.getuid(), "course": sorted(os.listdir(COURSE)), "cwd": os.getcwd()}
report["marker"] = os.environ.get("RNN_COURSE_TEST_RUN")
report["interfaces"] = sorted(name for _, name in socket.if_nameindex())
try:
    socket.create_connection(("127.0.0.1", GRADER_PORT), timeout=3).close()
    report["grader_port"] = "reachable"
except OSError as error:
    report["grader_port"] = errno.errorcode.get(error.errno, type(error).__name__)
for name, path in [("own_folder", "mine.txt"), ("course_write", COURSE + "/helpers/x.py"), ("home", "/root/x")]:
    try:
        pathlib.Path(path).write_text("x")
        report[name] = "written"
    except OSError as error:
        report[name] = type(error).__name__
try:
    report["parent"] = os.listdir("..")
except OSError as error:
    report["parent"] = type(error).__name__
report["memory_limit"] = resource.getrlimit(resource.RLIMIT_AS)[0]
report["processes"] = resource.getrlimit(resource.RLIMIT_NPROC)[0]
print(json.dumps(report))
'''


MARKER = f"sandbox-{os.getpid()}"


@pytest.fixture(scope="module")
def inside(tmp_path_factory):
    assert sandbox_problem() is None, f"{sandbox_problem()} (`make test` installs bubblewrap)"
    folder = tmp_path_factory.mktemp("submission")
    # A port the grader listens on, on loopback, for the whole run: without a network namespace
    # of its own the kernel reaches it. (No outside address: this machine may have no route out,
    # and then an outside address proves nothing.)
    with socket.create_server(("127.0.0.1", 0)) as listener, pytest.MonkeyPatch.context() as patch:
        patch.setenv("RNN_COURSE_TEST_RUN", MARKER)
        setup = f"COURSE = {str(REPO_ROOT)!r}\nGRADER_PORT = {listener.getsockname()[1]}\n"
        notebook = new_notebook(cells=[new_code_cell(setup + PROBE)])
        NotebookClient(notebook, timeout=60, kernel_name="python3", kernel_manager_class=SandboxedKernelManager,
                       resources={"metadata": {"path": str(folder)}}).execute()
    [output] = notebook.cells[0].outputs
    return folder, json.loads(output.text)


@NEEDS_SANDBOX
def test_the_course_is_hidden_except_helpers_and_the_guard(inside):
    _, report = inside
    assert "solutions" not in report["course"] and "gradebook.db" not in report["course"]
    assert "helpers" in report["course"]


@NEEDS_SANDBOX
def test_only_the_submission_folder_is_writable(inside):
    folder, report = inside
    assert report["cwd"] == str(folder) and report["own_folder"] == "written"
    assert (folder / "mine.txt").read_text() == "x"
    assert report["course_write"] != "written" and report["home"] != "written"
    assert not (REPO_ROOT / "helpers" / "x.py").exists()


@NEEDS_SANDBOX
def test_the_submission_folders_parent_can_be_looked_at(inside):
    """An earlier lesson beside the submission is missing (not forbidden): lessons say "not found"."""
    folder, report = inside
    assert report["parent"] == [folder.name]


@NEEDS_SANDBOX
def test_there_is_no_network(inside):
    """A network namespace of its own: no interface but its own loopback, so not even the grader."""
    _, report = inside
    assert report["interfaces"] == ["lo"], f"the kernel sees the machine's interfaces: {report['interfaces']}"
    # refused by the namespace's own loopback, where nothing listens; the grader's port is open
    assert report["grader_port"] == "ECONNREFUSED", f"the grader's loopback port: {report['grader_port']}"


def test_the_kernel_inherits_the_graders_environment(inside):
    """test_adversarial finds the processes its grading left by a variable they inherit."""
    assert inside[1]["marker"] == MARKER


@NEEDS_SANDBOX
def test_limits_are_set(inside):
    _, report = inside
    limits = Limits()
    assert report["memory_limit"] == limits.memory_mb * 2 ** 20
    if os.geteuid() == 0:  # root drops to a user of its own, so the process limit is the sandbox's
        assert report["uid"] == sandbox_uid() and report["processes"] == limits.processes


def test_limits_can_be_set_from_the_environment(monkeypatch):
    monkeypatch.setenv("RNN_COURSE_MEMORY_MB", "1024")
    assert Limits.from_environment().memory_mb == 1024


def test_the_command_wraps_the_kernel_in_limits_and_namespaces(tmp_path):
    command = sandbox_command(["python", "-m", "ipykernel_launcher"], tmp_path, tmp_path, Limits(), uid=200_123)
    assert command[0] == "prlimit" and "--unshare-net" in command and "--unshare-pid" in command
    assert ["--tmpfs", str(REPO_ROOT.resolve())] == command[command.index(str(REPO_ROOT.resolve())) - 1:][:2]
    assert "--reuid=200123" in command and command[-3:] == ["python", "-m", "ipykernel_launcher"]
