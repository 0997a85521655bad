"""nbgrader configuration. The repository root is the nbgrader course directory.

solutions/<id>/<id>.ipynb   the instructor source (nbgrader's "source")
notebooks/<id>/<id>.ipynb   the student release, generated from the source and committed
submitted/ autograded/ feedback/ gradebook.db   the instructor's working state (git-ignored)

Set RNN_COURSE_DB_URL to keep the gradebook elsewhere (for example a PostgreSQL URL).
"""

import os

from autograder.config import COURSE_ID, db_url

c = get_config()  # noqa: F821 -- traitlets provides get_config when it loads this file

course_root = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = COURSE_ID
c.CourseDirectory.root = course_root
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = db_url(course_root)
# A lesson's grading proof (solutions/<id>/proof.py) stays with the instructor: never released.
# Its translations (solutions/<id>/<id>.<language>.md) become notebooks-<language>/, not files
# in the release (autograder/translations.py).
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "proof.py", "*.md"]

# The student's stub: a learner who runs it sees what to do, not a bare error.
c.ClearSolutions.code_stub = {
    "python": '# YOUR CODE HERE\nraise NotImplementedError("Replace this line with your code.")'
}

# Execute.timeout is the one nbgrader reads (it silently overrides
# ExecutePreprocessor.timeout): seconds per cell before the cell is interrupted.
c.Execute.timeout = 120
# Once the last cell has run, the kernel is stopped at once instead of asked to shut down and
# waited for (about 1.1 s a submission, measured): every output is in by then, and the sandbox's
# processes are killed either way (autograder/sandbox.py).
c.Execute.shutdown_kernel = "immediate"
c.LimitOutput.max_lines = 1000
c.LimitOutput.max_traceback = 100

# nbgrader scores a test cell 0 when it wrote anything to stderr, so a correct answer that
# triggers a harmless Python warning would lose its points. Failures are signalled by
# exceptions, never by stderr, so dropping warning output cannot inflate a grade.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"\w*Warning: "

# A deleted or damaged test cell is restored from the gradebook and run, instead of
# becoming "needs manual grade".
c.OverwriteCells.add_missing_cells = True

# Feedback shows which hidden tests failed and the reason, never their code.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import GetGrades  # noqa: E402

from autograder.feedback_privacy import HideHiddenTests  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]

# Before every test cell runs, undo what the submission did to the tests' tools (redefined
# assertions, monkeypatched numpy or helpers): see autograder/guard.py and its limits.
from nbgrader.preprocessors import CheckCellMetadata, ClearOutput, OverwriteCells, OverwriteKernelspec  # noqa: E402

from autograder.guard_cells import GuardTests  # noqa: E402
from autograder.sanitize import DeduplicateIdsCleanly, RestoreTestCellOrder  # noqa: E402

# Copied locked cells and moved test cells are dealt with: see autograder/sanitize.py.
c.Autograde.sanitize_preprocessors = [ClearOutput, DeduplicateIdsCleanly, OverwriteKernelspec, OverwriteCells,
                                      RestoreTestCellOrder, CheckCellMetadata, GuardTests]

# Learner code runs in a bubblewrap sandbox, and a kernel that dies costs only the cells it
# could not run: see autograder/sandbox.py and autograder/execute.py.
from nbgrader.converters import Autograde  # noqa: E402
from nbgrader.preprocessors import Execute  # noqa: E402

from autograder.execute import GradingExecute  # noqa: E402

c.Autograde.autograde_preprocessors = [
    GradingExecute if step is Execute else step
    for step in Autograde.class_traits()["autograde_preprocessors"].default()
]

# Due dates, extensions and the late penalty come from deadlines.toml (none: nothing is late);
# see autograder/deadlines.py. nbgrader asks this plugin for each late notebook's penalty.
from autograder.deadlines import PolicyPenalty  # noqa: E402

c.AssignLatePenalties.plugin_class = PolicyPenalty
c.PolicyPenalty.course_root = course_root
