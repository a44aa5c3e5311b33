# eventdesk: two commands on a fresh machine — `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
SEEDS  ?= seeds/

# `make run` is a local development server: DEBUG on unless the caller says otherwise.
RUN_ENV := DEBUG=$${DEBUG:-1}

.PHONY: run test serve import score lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Development settings for every manage.py command in the checkout (git-ignored, made once).
.env:
	@printf '# Written by make run for local development; production sets real variables.\nDEBUG=1\nSECRET_KEY=%s\n' \
		"$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote .env (development settings, with a generated SECRET_KEY)."

run: $(VENV)/.installed .env
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py import_articles $(SEEDS)
	$(RUN_ENV) $(BIN)/python manage.py ensure_admin
	@echo "Admin: http://$(HOST):$(PORT)/admin/   API: http://$(HOST):$(PORT)/api/   Docs: http://$(HOST):$(PORT)/api/docs/"
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# `make import PATHS="exports/ more/page.html"`: import into the configured database.
import: $(VENV)/.installed .env
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py import_articles $(or $(PATHS),$(SEEDS))

# `make score`: the seeds and the dev corpus each imported into a scratch database, scored.
EVAL := ../shared/eval
score: $(VENV)/.installed
	@echo "== seeds"; scripts/score.sh $(SEEDS) $(EVAL)/seeds.gold.json 8765
	@if [ -d $(EVAL)/dev ]; then echo "== dev corpus"; scripts/score.sh $(EVAL)/dev/ $(EVAL)/dev.gold.json 8766; \
	else echo "== dev corpus: $(EVAL)/dev not found, skipped"; fi

test: $(VENV)/.installed-test
	DEBUG=$${DEBUG:-1} DB_CONN_MAX_AGE=0 $(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm .pytest_cache .ruff_cache
