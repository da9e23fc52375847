# Two commands for a new user: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lock clean knowledge

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: setup
	$(BIN)/communique run seeds/ --warehouse warehouse/communique.duckdb

test: setup
	$(BIN)/python -m pytest -q

# Re-pin after changing dependencies in pyproject.toml.
lock: setup
	{ echo "# Pinned versions for .venv (pip install -c constraints.txt). Regenerate with: make lock"; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > constraints.txt

# Re-convert the office holders of the PETRARCH2 Phoenix dictionary (../shared/vendor) into transforms/data/.
knowledge: setup
	$(BIN)/python scripts/build_knowledge.py

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.wal warehouse/reports warehouse/gx
