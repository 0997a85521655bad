# The commands a person types. Each one sets up what it needs first.
#   make demo   build the student release, autograde the sample submissions, print grades
#   make test   the whole test suite (installs the system packages it needs first)
#   make test-fast   units and lesson 01's grading proof: for every edit (minutes)
#   make lint   ruff on the Python code (make test and make test-fast run it first)
#   make lab    JupyterLab on the student notebooks, as a learner sees it (LANG=ko: in Korean)
#   make lab-instructor   JupyterLab with nbgrader's instructor panels (formgrader, ...)
#   make bench  runtimes and quality targets (not part of the tests)
#   make learner-bundle   dist/: the notebooks and helpers for a class, without solutions (LANG=ko: Korean)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# nbgrader calls `alembic` and `jupyter` from PATH: the venv's bin must come first.
export PATH := $(abspath $(BIN)):$(PATH)

# What `make lab` shows learners: the learner bundle's own Jupyter settings, written by
# autograder/learner_bundle.py from the same lists (one source for both).
LEARNER_JUPYTER := $(abspath $(VENV)/learner-jupyter)
# The edition `make lab` and `make learner-bundle` give: Korean when LANG starts with "ko"
# (`make lab LANG=ko`, or a Korean locale such as ko_KR.UTF-8), English otherwise.
EDITION := $(if $(filter ko%,$(LANG)),ko,)
# A test replaces JUPYTER to see what `make lab` would show without starting a server.
JUPYTER ?= $(BIN)/jupyter
# The system packages the tests need; the sandbox alone for grading (autograder/system_packages.py).
SYSTEM := $(PYTHON) autograder/system_packages.py
SANDBOX_PACKAGES := bubblewrap util-linux

.PHONY: setup system-packages sandbox-packages lint demo test test-fast lab lab-instructor release check-release bench learner-bundle clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "rnn-course needs Python 3.11 or newer; set PYTHON=python3.11 (or newer) and try again")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# Installed with apt-get as root or with passwordless sudo; otherwise one line says the command.
# Listed before `setup`, so a missing package is said at once, not after the pip install.
system-packages:
	@$(SYSTEM)

sandbox-packages:
	@$(SYSTEM) $(SANDBOX_PACKAGES)

demo: sandbox-packages setup
	$(BIN)/python -m autograder demo

# The linter first (ruff, configured in pyproject.toml): seconds, and it names the line.
lint: setup
	$(BIN)/ruff check .

test: system-packages setup lint
	$(BIN)/python -m pytest

# Not `slow`: units, the sandbox, and one lesson's grading proof (RNN_COURSE_GRADE_ONLY picks another).
test-fast: sandbox-packages setup lint
	RNN_COURSE_GRADE_ONLY=$${RNN_COURSE_GRADE_ONLY:-01_rnn_gradients} $(BIN)/python -m pytest -m "not slow"

lab: setup
	$(BIN)/python -m autograder.learner_bundle $(if $(EDITION),--language $(EDITION)) $(LEARNER_JUPYTER)
	JUPYTER_CONFIG_DIR=$(LEARNER_JUPYTER) RNN_COURSE_LANGUAGE=$(EDITION) $(JUPYTER) lab $(if $(EDITION),notebooks-$(EDITION)/,notebooks/)

lab-instructor: setup
	$(JUPYTER) lab notebooks/

release: setup
	$(BIN)/python -m autograder release

check-release: setup
	$(BIN)/python -m autograder check-release

bench: setup
	$(BIN)/python -m autograder bench

learner-bundle: setup
	$(BIN)/python -m autograder learner-bundle $(if $(EDITION),--language $(EDITION))

clean:
	rm -rf submitted autograded feedback grade_reports gradebook.db grades.csv bench-results dist
