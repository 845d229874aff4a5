# Neural Playground: `make run` opens the app, `make test` runs every test headless (the file
# fuzzers with a small budget), `make test-torch` adds PyTorch and runs the tests that need it, `make fuzz`
# runs the file fuzzers for longer, `make lint` checks the house (ruff lint and format, mypy, the import
# contracts).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# the app and what it needs (`make run`); the test and lint tools on top of it (`make test`, `make lint`): a first
# `make run` does not wait for pytest, mypy, ruff and pre-commit to install
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test test-torch fuzz lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@# Our own modules' bytecode, written now: pip compiles what it installs, but an editable checkout's modules
	@# are compiled at their first import, and not kept where PYTHONDONTWRITEBYTECODE is set (~0.4 s of each
	@# launch, bench/README.md's start-up section).
	$(PY) -m compileall -q gui model neural_playground main.py > /dev/null
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

run: $(STAMP)
	$(PY) main.py

# Two test processes (pytest-xdist), each taking whole files: most of a GUI test's time is one core building
# windows while the other core idles, and a file's tests keep their order (module fixtures are built once).
# Bytecode is written even where PYTHONDONTWRITEBYTECODE is set (as on this machine): each test process rewrote the
# asserts of all ~290 test files at every run (~6 s of a core before the first test), kept from the second run on.
test: $(DEV_STAMP)
	PYTHONDONTWRITEBYTECODE= QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n 2 --dist loadfile

# The PyTorch exports checked against PyTorch itself (skipped by `make test` where torch is not installed):
# installs PyTorch 2.13.0 into the venv (a large download, except where the CPU build lies on disk), then fails
# if it cannot import it, so these tests run rather than skip.
TORCH_TESTS := tests/model/storage/test_torch_export.py tests/model/storage/test_real_data_exports.py \
	tests/model/storage/test_tabular_round_trips.py tests/gui/files/test_torch_export_action.py \
	tests/model/storage/test_every_activation_exports.py
test-torch: $(DEV_STAMP)
	$(PY) -m pip install --quiet 'torch==2.13.0'
	$(PY) -c "import torch"
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(TORCH_TESTS)

# FUZZ_EXAMPLES: examples per fuzz test (make test uses 50); e.g. make fuzz FUZZ_EXAMPLES=20000
FUZZ_EXAMPLES ?= 2000
fuzz: $(DEV_STAMP)
	NEURAL_PLAYGROUND_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q \
		tests/model/storage/test_file_fuzz.py tests/model/teaching/test_lesson_fuzz.py

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Pictures for a person to look at: the tests marked `shots` check them and write them to shots/.
.PHONY: shots
shots: $(DEV_STAMP)
	QT_QPA_PLATFORM=offscreen NEURAL_PLAYGROUND_SHOTS=shots $(PY) -m pytest -q -m shots

bench: $(STAMP)
	-$(PY) -m pip install --quiet 'torch==2.13.0' || echo "torch not installable here: PyTorch columns will be skipped"
	$(PY) -m bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .grimp_cache
