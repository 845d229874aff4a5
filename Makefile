# Neural Playground: `make run` opens the app, `make test` runs every test headless.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	-$(PY) -m pip install --quiet 'torch==2.13.0' || echo "torch not installable here: PyTorch columns will be skipped"
	$(PY) -m bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
