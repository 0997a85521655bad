"""Lesson 01 (the scalar RNN, its gradient, clipping): its grading proof and benchmark figures (see autograder/proof.py)."""

from autograder.adversarial import (
    LIAR,
    MEMORY_LIMIT_MB,
    Attack,
    add_cell_after,
    add_scratch_cells,
    append_to_answer,
    delete_cell,
    duplicate_and_blank,
    edit_answer,
    move_to_top,
    replace_answer,
    restructure,
    to_markdown,
    trick_cell,
)
from autograder.proof import EXAMPLE, MACHINERY, THROUGHPUT, LessonProof, SourceEdit
from autograder.submissions import apply_edit, filled_submission

WRONG_ANSWERS = (
    SourceEdit(
        name="forward_returns_previous_states",
        exercise="scalar_rnn_forward",
        old="        h = np.tanh(w_xh * x + w_hh * h + b)\n        hs[t] = h",
        new="        hs[t] = h\n        h = np.tanh(w_xh * x + w_hh * h + b)",
        loses=("scalar_rnn_forward",),
        why="off-by-one in time: stores h_0 ... h_(T-1) instead of h_1 ... h_T",
    ),
    SourceEdit(
        name="chain_rule_sign_error",
        exercise="scalar_rnn_grad",
        old="w_hh * (1.0 - h ** 2)",
        new="w_hh * (h ** 2 - 1.0)",
        loses=("scalar_rnn_grad",),
        why="the derivative of tanh written with the wrong sign",
    ),
    SourceEdit(
        name="chain_rule_starts_at_first_step",
        exercise="scalar_rnn_grad",
        old="for h in hs[1:]:",
        new="for h in hs:",
        loses=("scalar_rnn_grad",),
        why="off-by-one in time: includes a factor for t = 1",
    ),
    SourceEdit(
        name="clips_each_gradient_separately",
        exercise="clip_by_global_norm",
        old="clipped = [np.asarray(g, dtype=float) * scale for g in grads]",
        new=("clipped = [np.asarray(g, dtype=float) * (max_norm / max(np.linalg.norm(g), max_norm))"
             " for g in grads]"),
        loses=("clip_by_global_norm",),
        why="clips every array by its own norm, which changes the update's direction",
    ),
    SourceEdit(
        name="global_norm_without_square_root",
        exercise="clip_by_global_norm",
        old="float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))",
        new="float(sum(np.sum(np.square(g)) for g in grads))",
        loses=("clip_by_global_norm",),
        why="uses the squared norm as the norm",
    ),
)


# Correct answers written the way learners write them, differently from the solution: each must
# keep every point (a hidden or visible test that fails one is a bug in the test).
RIGHT_ANSWERS = (
    SourceEdit.whole_answer("scalar_rnn_forward_appends_to_a_list", "scalar_rnn_forward", '''\
def scalar_rnn_forward(xs, h0=0.0, w_xh=2.0, w_hh=3.0, b=1.0):
    hs = []
    h = h0
    for x in xs:
        h = np.tanh(w_xh * x + w_hh * h + b)
        hs.append(h)
    return np.array(hs)
''', why="a Python list of states turned into an array at the end"),
    SourceEdit.whole_answer("scalar_rnn_forward_indexes_with_math_tanh", "scalar_rnn_forward", '''\
import math

def scalar_rnn_forward(xs, h0=0.0, w_xh=2.0, w_hh=3.0, b=1.0):
    T = len(xs)
    hs = np.empty(T)
    for t in range(T):
        previous = h0 if t == 0 else hs[t - 1]
        hs[t] = math.tanh(w_xh * xs[t] + w_hh * previous + b)
    return hs
''', why="an index loop reading h_(t-1) back from the output array, with math.tanh"),
    SourceEdit.whole_answer("scalar_rnn_grad_as_np_prod", "scalar_rnn_grad", '''\
def scalar_rnn_grad(hs, w_hh=3.0):
    hs = np.asarray(hs)
    return float(np.prod(w_hh * (1 - hs[1:] ** 2)))
''', why="vectorised: the product of the factors, empty (1.0) when T = 1"),
    SourceEdit.whole_answer("scalar_rnn_grad_power_times_tanh_factors", "scalar_rnn_grad", '''\
def scalar_rnn_grad(hs, w_hh=3.0):
    T = len(hs)
    tanh_factors = 1.0
    for t in range(2, T + 1):            # t = 2 ... T, as in the formula; hs[t - 1] is h_t
        tanh_factors = tanh_factors * (1 - hs[t - 1] * hs[t - 1])
    return w_hh ** (T - 1) * tanh_factors
''', why="the textbook form w_hh^(T-1) times the product of the tanh' factors, indexed "
         "from t = 2 as in the formula"),
    SourceEdit.whole_answer("clip_by_global_norm_with_an_if", "clip_by_global_norm", '''\
def clip_by_global_norm(grads, max_norm):
    total_norm = np.linalg.norm(np.concatenate([np.ravel(g) for g in grads]))
    if total_norm > max_norm:
        return [g * (max_norm / total_norm) for g in grads], total_norm
    return [g.copy() for g in grads], total_norm
''', why="np.linalg.norm of all entries, an if instead of min, copies when nothing is clipped"),
    SourceEdit.whole_answer("clip_by_global_norm_like_pytorch", "clip_by_global_norm", '''\
import math

def clip_by_global_norm(grads, max_norm):
    squares = 0.0
    for g in grads:
        for value in np.ravel(g):
            squares += value * value
    total_norm = math.sqrt(squares)
    # PyTorch's form: an epsilon keeps all-zero gradients from dividing by zero
    clip_coef = min(max_norm / (total_norm + 1e-6), 1.0)
    return [np.array(g, dtype=float) * clip_coef for g in grads], total_norm
''', why="explicit loops for the sum of squares and torch.nn.utils.clip_grad_norm_'s epsilon "
         "in the denominator (a relative change of 1e-6 / total_norm)"),
)


# Wrong answers that also tamper with the tests' tools. Without autograder.guard each of
# these scores full marks (proven in test_tampering.py); with it each loses its exercise.
RIGHT = "        grad *= w_hh * (1.0 - h ** 2)\n    return float(grad)"
WRONG = "        grad *= w_hh * (h ** 2 - 1.0)\n    return float(grad)"
TAMPERING = (
    SourceEdit(
        name="tampers_by_redefining_the_assertions",
        exercise="scalar_rnn_grad",
        old=RIGHT,
        new=WRONG + "\n\n\nassert_close = check = lambda *args, **kwargs: None",
        loses=("scalar_rnn_grad",),
        why="a wrong answer, and assert_close / check replaced by functions that never fail",
    ),
    SourceEdit(
        name="tampers_by_patching_numpy",
        exercise="scalar_rnn_grad",
        old=RIGHT,
        new=WRONG + "\n\n\nimport numpy\n_zeros = numpy.zeros_like\nnumpy.abs = lambda x: _zeros(x)",
        loses=("scalar_rnn_grad",),
        why="a wrong answer, and numpy.abs patched so every difference the checks measure is 0",
    ),
    SourceEdit(
        name="tampers_by_swallowing_exceptions",
        exercise="scalar_rnn_grad",
        old=RIGHT,
        new=WRONG + "\n\n\nget_ipython().set_custom_exc((Exception,), lambda *args, **kwargs: None)",
        loses=("scalar_rnn_grad",),
        why="a wrong answer, and an exception handler that hides every failing check",
    ),
)


# A correct answer with a twist: a numpy RuntimeWarning on stderr. It must keep every point.
WARNING_ANSWER = SourceEdit(
    name="correct_but_warns",
    exercise="scalar_rnn_forward",
    old="    hs = np.zeros(len(xs))",
    new=("    np.exp(np.float64(1000.0))  # overflows: a RuntimeWarning on stderr\n"
         "    hs = np.zeros(len(xs))"),
    loses=(),
    why="a correct answer whose code triggers a numpy RuntimeWarning",
)


# The chain-rule answer, correct but sleeping in every call: graded with a short cell limit set on
# the command line, it must lose that exercise only (proves Execute.timeout works).
SLOW_ANSWER = SourceEdit("sleeps_past_the_cell_timeout", "scalar_rnn_grad", "    grad = 1.0\n",
                         "    import time\n    time.sleep(20)\n    grad = 1.0\n", loses=("scalar_rnn_grad",))


# Attacks on the grading run itself (autograder/adversarial.py), built from this lesson.
FORWARD, GRAD, CLIP = "scalar_rnn_forward", "scalar_rnn_grad", "clip_by_global_norm"
GRAD_BODY = "    grad = 1.0\n"
CLIP_BODY = "    total_norm = float("
WRONG_GRAD = SourceEdit("wrong", GRAD, "        grad *= w_hh * (1.0 - h ** 2)\n",
                        "        grad *= w_hh * (h ** 2 - 1.0)\n", ())

# Read the solution source next to the submission (the course root is three folders up from
# autograded/<student>/<lesson>/) and run its answer: full marks, if the file can be read.
STEAL_THE_SOLUTION = '''def clip_by_global_norm(grads, max_norm):
    import json, pathlib
    source = pathlib.Path("../../../solutions/01_rnn_gradients/01_rnn_gradients.ipynb")
    try:
        cells = json.loads(source.read_text())["cells"]
    except OSError:
        return grads, 0.0
    code = next("".join(c["source"]) for c in cells
                if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "clip_by_global_norm")
    scope = {"np": np}
    exec(code, scope)
    return scope["clip_by_global_norm"](grads, max_norm)
'''

# Try to wreck the course: the gradebook, the config, the sources. Each failure is swallowed,
# so the notebook carries on and its (correct) answers are graded.
WRECK_THE_COURSE = '''import pathlib
for target in ["../../../gradebook.db", "../../../nbgrader_config.py",
               "../../../solutions/01_rnn_gradients/01_rnn_gradients.ipynb"]:
    try:
        pathlib.Path(target).write_text("wrecked")
    except OSError as error:
        print("could not write", target, error)
'''

# The notebook being graded sits in the kernel's folder with its hidden tests restored. This
# answer is right only if it can read them there (a learner copying a hidden reference would
# need the same): inside the sandbox the notebook reads as empty, so it loses its exercise.
READ_THE_HIDDEN_TESTS = '''def scalar_rnn_grad(hs, w_hh=3.0):
    import glob
    for path in glob.glob("*.ipynb"):
        try:
            with open(path) as notebook:
                if "BEGIN HIDDEN TESTS" in notebook.read():
                    return float(np.prod([w_hh * (1.0 - h ** 2) for h in hs[1:]]))
        except OSError:
            pass
    return 0.0
'''

def _returns_a_liar(release, answers):
    lying = apply_edit(answers, SourceEdit("liar", GRAD, "    return float(grad)", "    return Liar(-grad)", ()))
    return filled_submission(release, {**lying, GRAD: LIAR + "\n\n" + lying[GRAD]})


ATTACKS = (
    Attack("loops_forever_in_a_function", edit_answer(GRAD, GRAD_BODY, "    while True:\n        pass\n" + GRAD_BODY),
           loses=(GRAD,), reason="timed out", why="the tests of that exercise time out; the rest is graded"),
    Attack("loops_forever_at_top_level", append_to_answer(GRAD, "while True:\n    pass"),
           reason="timed out", why="the cell is interrupted after the answer was defined"),
    Attack("sleeps_at_top_level", append_to_answer(GRAD, "import time\ntime.sleep(3600)"),
           reason="timed out", why="a sleep past the cell limit is interrupted like a loop"),
    Attack("ignores_interrupts_and_loops",
           edit_answer(GRAD, GRAD_BODY, "    import signal\n    signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                 "    while True:\n        pass\n" + GRAD_BODY),
           loses=(GRAD,), reason="did not stop when interrupted",
           why="the kernel ignores the interrupt: it is restarted and the cells above re-run"),
    Attack("segfaults_in_a_function", edit_answer(CLIP, CLIP_BODY, "    import ctypes\n    ctypes.string_at(0)\n" + CLIP_BODY),
           loses=(CLIP,), reason="the kernel died", why="a segfault kills the kernel in each test cell"),
    Attack("memory_bomb_in_a_function",
           edit_answer(CLIP, CLIP_BODY, "    hoard = []\n    while True:\n        hoard.append(np.ones(2 ** 24))\n" + CLIP_BODY),
           loses=(CLIP,), why=f"allocates far past the {MEMORY_LIMIT_MB} MB limit"),
    Attack("fork_bomb_with_os_fork", append_to_answer(GRAD, "import os\nwhile True:\n    os.fork()"),
           loses=(GRAD,), reason="fork bomb",
           why="forked children leave at once, but their zombies fill the process limit; the cell "
               "that forked is lost with its kernel, the rest is graded"),
    Attack("fork_bomb_with_libc_fork_in_an_added_cell",
           restructure(add_cell_after(CLIP, "import ctypes\nlibc = ctypes.CDLL(None)\n"
                                              "for _ in range(100000):\n    libc.fork()")),
           reason="the kernel was restarted",
           why="forks behind Python's back: the process limit holds, and the kernel with every "
               "process it left is replaced; only the learner's own cell is lost"),
    Attack("reads_the_solutions", replace_answer(CLIP, STEAL_THE_SOLUTION),
           loses=(CLIP,), why="the solutions are not visible inside the sandbox"),
    Attack("reads_the_hidden_tests_beside_it", replace_answer(GRAD, READ_THE_HIDDEN_TESTS), loses=(GRAD,),
           why="the notebook being graded (hidden tests restored) reads as empty inside the sandbox"),
    Attack("writes_the_gradebook_and_course_files", append_to_answer(FORWARD, WRECK_THE_COURSE),
           why="everything outside the submission folder is read-only or hidden"),
    Attack("returns_an_object_equal_to_anything", _returns_a_liar,
           loses=(GRAD,), why="the checks compare plain float arrays, not the object's __eq__"),
    Attack("prints_megabytes", append_to_answer(FORWARD, "for _ in range(60000):\n    print('x' * 100)"),
           why="output is cut to the configured number of lines"),
    Attack("moves_a_test_cell_to_the_top", restructure(move_to_top(f"{GRAD}_visible")),
           why="the test cell is put back after its exercise before the notebook runs"),
    Attack("turns_the_tests_of_a_wrong_answer_into_markdown",
           restructure(to_markdown(f"{GRAD}_visible", f"{GRAD}_hidden"), wrong=WRONG_GRAD),
           loses=(GRAD,), why="the test cells are restored as code and run"),
    Attack("duplicates_a_test_cell_to_blank_it", restructure(duplicate_and_blank(f"{GRAD}_visible"), wrong=WRONG_GRAD),
           loses=(GRAD,), why="the last copy keeps the id, and its code is restored"),
    Attack("deletes_a_solution_cell", restructure(delete_cell(CLIP)), loses=(CLIP,),
           why="no answer, no points; the rest is graded"),
    Attack("adds_cells", restructure(add_scratch_cells), why="a learner's own cells cost nothing"),
)


# The kernel-level family (issue 18): tricks that change how the learner's kernel runs later
# cells or what it reports. Each is handed in on the release, with nothing solved (or with
# answers that are wrong but do not raise), and each got full marks while the test cells ran in
# that kernel: ``inflates_in_the_kernel``. With the trusted verdict the tests run in the grader,
# so each scores what it solved: nothing.
SKIP_TEST_CELLS_BY_INPUT_TRANSFORMER = '''def _skip_the_tests(lines):
    # a test cell being graded starts with the autograder's guard line: run `pass` instead
    if lines and "_rnn_course_guard" in lines[0]:
        return ["pass\\n"]
    return lines

get_ipython().input_transformers_post.append(_skip_the_tests)
'''
EMPTY_TEST_CELLS_BY_AST_TRANSFORMER = '''import ast

class _EmptyTheTests(ast.NodeTransformer):
    def visit_Module(self, module):
        if "_rnn_course_guard" in ast.unparse(module):
            module.body = [ast.Pass()]
        return module

get_ipython().ast_transformers.append(_EmptyTheTests())
'''
WRAP_RUN_CELL = '''_shell = get_ipython()
_run_cell_async = _shell.run_cell_async

async def _run_without_the_tests(raw_cell, *args, **kwargs):
    if "_rnn_course_guard" in raw_cell:
        raw_cell, kwargs["transformed_cell"] = "pass", "pass\\n"
    return await _run_cell_async(raw_cell, *args, **kwargs)

_shell.run_cell_async = _run_without_the_tests
'''
SILENCE_TRACEBACKS = "get_ipython().showtraceback = lambda *args, **kwargs: None\n"
REWRITE_EXECUTE_REPLIES = '''_session = get_ipython().kernel.session
_send = _session.send

def _send_as_if_nothing_failed(stream, msg_or_type, content=None, *args, **kwargs):
    kind = msg_or_type if isinstance(msg_or_type, str) else msg_or_type["header"]["msg_type"]
    if kind == "error":
        return None  # the failing test's error never reaches the grader
    if kind == "execute_reply" and isinstance(content, dict) and content.get("status") == "error":
        content = {"status": "ok", "execution_count": content.get("execution_count"),
                   "user_expressions": {}, "payload": []}
    return _send(stream, msg_or_type, content, *args, **kwargs)

_session.send = _send_as_if_nothing_failed
'''
# The checks' function objects stay in place (the guard sees the same objects); their code goes.
SWAP_HELPERS_CODE = '''import helpers.checks as _checks

def _agree(*args, **kwargs):
    return None

for _name in ("assert_close", "assert_shape", "assert_unchanged", "assert_finite", "check"):
    getattr(_checks, _name).__code__ = _agree.__code__
'''
# Wrong answers that raise nothing, for the tricks that only blind the checks.
WRONG_BUT_QUIET = {
    FORWARD: "def scalar_rnn_forward(xs, h0=0.0, w_xh=2.0, w_hh=3.0, b=1.0):\n    return np.zeros(len(xs))\n",
    GRAD: "def scalar_rnn_grad(hs, w_hh=3.0):\n    return 0.0\n",
    CLIP: "def clip_by_global_norm(grads, max_norm):\n    return [g.copy() for g in grads], 0.0\n",
}
# Called by a test, each wrong answer reaches up the stack into the test cell's namespace and
# replaces the checks there, for the rest of that cell (the guard restores names before a cell).
BLIND_THE_CALLER = '''import sys

def _blind_the_caller():
    test_namespace = sys._getframe(2).f_globals
    for name in ("assert_close", "assert_shape", "assert_unchanged", "check"):
        test_namespace[name] = lambda *args, **kwargs: None
'''
WRONG_AND_BLINDING = {name: code.replace("):\n", "):\n    _blind_the_caller()\n", 1)
                      for name, code in WRONG_BUT_QUIET.items()}
WRONG_AND_BLINDING[FORWARD] = BLIND_THE_CALLER + "\n\n" + WRONG_AND_BLINDING[FORWARD]
# Called by a test, each wrong answer finds the test cell's namespace without the stack: the
# garbage collector lists every dict in the kernel, and the one holding the checks and
# get_ipython is the namespace the test cell reads its checks from.
BLIND_THROUGH_GC = '''import gc

def _blind_the_caller():
    for namespace in gc.get_objects():
        if type(namespace) is dict and "assert_close" in namespace and "get_ipython" in namespace:
            for name in ("assert_close", "assert_shape", "assert_unchanged", "check"):
                namespace[name] = lambda *args, **kwargs: None
'''
WRONG_AND_BLINDING_THROUGH_GC = {**WRONG_AND_BLINDING,
                                 FORWARD: BLIND_THROUGH_GC + "\n\n" + WRONG_AND_BLINDING[FORWARD].split("\n\n\n", 1)[1]}
# Called by a test, each wrong answer patches numpy there and then, inside the test cell (the
# guard restores numpy before a cell, not during one): every |actual - expected| is 0.
PATCH_NUMPY_WHEN_CALLED = '''import numpy

def _blind_the_caller():
    zeros_like = numpy.zeros_like
    numpy.abs = numpy.absolute = lambda x, *args, **kwargs: zeros_like(x)
'''
WRONG_AND_PATCHING_NUMPY = {**WRONG_AND_BLINDING,
                            FORWARD: PATCH_NUMPY_WHEN_CALLED + "\n\n" + WRONG_AND_BLINDING[FORWARD].split("\n\n\n", 1)[1]}
# An answer whose result would run a command if the grader unpickled it.
RETURNS_A_PICKLE_BOMB = '''import os

class _RunsWhenUnpickled:
    def __reduce__(self):
        return (os.system, ("touch /tmp/rnn-course-unpickled-by-the-grader",))

def scalar_rnn_forward(xs, h0=0.0, w_xh=2.0, w_hh=3.0, b=1.0):
    return _RunsWhenUnpickled()
'''
EVERYTHING = (FORWARD, GRAD, CLIP)

KERNEL_LEVEL_ATTACKS = (
    Attack("input_transformer_skips_the_tests", trick_cell(SKIP_TEST_CELLS_BY_INPUT_TRANSFORMER), loses=EVERYTHING,
           inflates_in_the_kernel=True, why="an IPython input transformer turns every test cell into `pass`"),
    Attack("ast_transformer_empties_the_tests", trick_cell(EMPTY_TEST_CELLS_BY_AST_TRANSFORMER), loses=EVERYTHING,
           inflates_in_the_kernel=True, why="an AST transformer empties every test cell before it runs"),
    Attack("run_cell_wrapper_skips_the_tests", trick_cell(WRAP_RUN_CELL), loses=EVERYTHING,
           inflates_in_the_kernel=True, why="the shell's run_cell_async, wrapped, runs `pass` for test cells"),
    # (ipykernel still reports these failures, so this one never inflated; the next one does)
    Attack("silences_tracebacks", trick_cell(SILENCE_TRACEBACKS), loses=EVERYTHING,
           why="without showtraceback a failing test cell would have no error output"),
    Attack("rewrites_execute_replies", trick_cell(REWRITE_EXECUTE_REPLIES), loses=EVERYTHING,
           inflates_in_the_kernel=True, why="the kernel's session drops error messages and reports every cell ok"),
    Attack("swaps_the_code_of_the_checks", trick_cell(SWAP_HELPERS_CODE, WRONG_BUT_QUIET), loses=EVERYTHING,
           inflates_in_the_kernel=True, why="helpers.checks' functions keep their identity but do nothing"),
    Attack("answers_rewrite_the_test_cells_namespace", trick_cell("", WRONG_AND_BLINDING), loses=EVERYTHING,
           inflates_in_the_kernel=True, why="wrong answers that, when called, replace the checks in the caller's globals"),
    Attack("answers_reach_the_test_cells_namespace_through_gc", trick_cell("", WRONG_AND_BLINDING_THROUGH_GC),
           loses=EVERYTHING, inflates_in_the_kernel=True,
           why="wrong answers that, when called, find the test's namespace with gc.get_objects and blind its checks"),
    Attack("answers_patch_numpy_when_called", trick_cell("", WRONG_AND_PATCHING_NUMPY), loses=EVERYTHING,
           inflates_in_the_kernel=True,
           why="wrong answers that, when called, patch numpy.abs inside the test cell, after the guard ran"),
    Attack("returns_an_object_that_runs_code_when_unpickled",
           lambda release, answers: filled_submission(release, {**answers, FORWARD: RETURNS_A_PICKLE_BOMB}),
           loses=(FORWARD,), why="what comes back from the kernel is data or a handle, never unpickled"),
)


PROOF = LessonProof(
    wrong_answers=WRONG_ANSWERS,
    right_answers=RIGHT_ANSWERS,
    warning_answer=WARNING_ANSWER,
    tampering=TAMPERING,
    slow_answer=SLOW_ANSWER,
    attacks=ATTACKS + KERNEL_LEVEL_ATTACKS,
    runtime_target_seconds=60.0,
    roles=frozenset({EXAMPLE, MACHINERY, THROUGHPUT}),
    trusted_verdict=True,
)
