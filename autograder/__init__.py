"""The instructor's commands: a thin layer over nbgrader.

Run ``python -m autograder --help`` (or the Makefile targets) for the commands. Modules:

- ``course``         where things live in a course directory
- ``nbgrader_cli``   how nbgrader is invoked (its executables from this environment)
- ``release``        build the student release; detect drift from the sources
- ``submissions``    build submissions from the sources (filled-in answers, named edits)
- ``wrong_answers``  the registry of deliberately wrong implementations, per lesson
- ``grading``        validate and autograde submissions, one status line each
- ``report``         grade table, feedback and CSV export
- ``samples``        the demo's sample class
"""
