"""The instructor's commands: a thin layer over nbgrader.

Run ``python -m autograder --help`` (or the Makefile targets) for the commands. Modules:

- ``course``         where things live in a course directory
- ``nbgrader_cli``   how nbgrader is invoked (its executables from this environment)
- ``release``        build the student release; detect drift from the sources
- ``submissions``    build submissions from the sources (filled-in answers, named edits)
- ``config``         the course id, the repository root and every RNN_COURSE_* variable
- ``proof``          a lesson's grading proof (solutions/<id>/proof.py): its wrong, right and
                     tampering answers, benchmark figures and roles
- ``proof_class``    every submission a lesson's proof calls for, written and graded
- ``gradebook``      the only writer of the gradebook (private copies merged, zero records)
- ``adversarial``    ways to build attacks on a grading run
- ``grading``        validate and autograde submissions, one status line each
- ``report``         grade table, feedback and CSV export
- ``samples``        the demo's sample class
"""
