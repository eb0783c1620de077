# Casefile: two commands do all set-up on a fresh machine, `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint bench package package-test clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

run: $(STAMP)
	$(VENV)/bin/casefile

test: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check app tests benchmarks
	$(VENV)/bin/ruff format --check app tests benchmarks

PACKAGE_STAMP := $(VENV)/.installed-package

$(PACKAGE_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,package]'
	touch $@ $(TEST_STAMP) $(STAMP)

# A one-folder build in dist/casefile that runs without Python (see packaging/README.md),
# made again whenever the code, resources or packaging files are newer than it.
BUILD := dist/casefile/casefile
BUILD_SOURCES := pyproject.toml $(shell find app resources packaging -type f -not -path '*/__pycache__/*')

$(BUILD): $(PACKAGE_STAMP) $(BUILD_SOURCES)
	$(PY) -m PyInstaller packaging/casefile.spec --distpath dist --workpath build/pyinstaller --noconfirm --log-level WARN
	$(PY) -c "from app.legal import notices_text; open('dist/casefile/THIRD-PARTY-NOTICES.txt','w').write(notices_text())"
	touch $@

package: $(BUILD)
	@du -sh dist/casefile

package-test: $(BUILD)
	$(PY) packaging/package_test.py dist/casefile

# Figures are ratios measured side by side in one run (see BENCHMARKS.md); about 5 minutes.
bench: $(TEST_STAMP)
	$(PY) -m benchmarks.run

clean:
	rm -rf $(VENV) build dist *.egg-info
