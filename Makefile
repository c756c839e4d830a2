# The two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

# The dependencies of pyproject.toml, runtime and development, one per line.
export REQUIREMENTS := import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	print("\n".join(p["dependencies"] + p["optional-dependencies"]["dev"]))

# Local development commands run with DEBUG=1 unless told otherwise; production fails closed without it.
migrate demo run superuser messages db-stop backup restore: export DEBUG ?= 1
.PHONY: help install run test migrate demo superuser lint format messages db-stop clean lock synthetic bench backup restore load

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -c "$$REQUIREMENTS" > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet -c requirements.lock -r $(VENV)/requirements.txt
	touch $(STAMP)

install: $(STAMP)  ## Create the virtualenv and install the locked dependencies

migrate: $(STAMP)  ## Apply migrations (starts the embedded PostgreSQL when DATABASE_URL is unset)
	$(BIN)/python manage.py migrate --no-input

demo: migrate  ## Load the demo data if the registry is empty
	$(BIN)/python manage.py load_demo_data

run: demo  ## Install, migrate, load demo data and serve on http://127.0.0.1:8000
	@echo ""
	@echo "  Innovation portal: http://$(HOST):$(PORT)/  (English: http://$(HOST):$(PORT)/en/)"
	@echo "  Staff admin:       http://$(HOST):$(PORT)/admin/  - create an account with 'make superuser'"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)  ## Install and run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

superuser: migrate  ## Create a staff administrator account (asks for a password)
	$(BIN)/python manage.py createsuperuser

lint: $(STAMP)  ## ruff and djlint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint

format: $(STAMP)  ## Format Python code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)  ## Update the .po files from the code and compile them (needs GNU gettext)
	$(BIN)/python manage.py makemessages --locale sv --locale en --no-obsolete --no-location --ignore ".venv/*" --ignore "var/*"
	$(BIN)/python manage.py compilemessages --ignore ".venv/*"

db-stop:  $(STAMP)  ## Stop the embedded PostgreSQL server
	$(BIN)/python -m innovation_portal.embedded_db stop

clean:  ## Remove the virtualenv (the embedded database in var/ is kept)
	rm -rf $(VENV)

lock:  ## Re-resolve the dependencies of pyproject.toml into requirements.lock
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -c "$$REQUIREMENTS" > .venv-lock/requirements.txt
	.venv-lock/bin/python -m pip install --quiet -r .venv-lock/requirements.txt
	{ echo "# Pinned versions of every package the portal and its tests install; regenerate with"; \
	  echo "# 'make lock' after changing pyproject.toml."; \
	  .venv-lock/bin/python -m pip freeze; } > requirements.lock
	rm -rf .venv-lock

synthetic bench: export EMBEDDED_DB_NAME ?= bench
synthetic: export DEBUG ?= 1

synthetic: $(STAMP)  ## Add synthetic entries for load tests (embedded database "bench" unless DATABASE_URL)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python bench/generate_synthetic.py $(SYNTHETIC_ARGS)

bench: $(STAMP)  ## Run the benchmarks of docs/performance.md (several minutes; BENCH_ARGS=--help)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

backup: $(STAMP)  ## Write var/backups/portal-<database>-<time>.tar: pg_dump of the database + media
	$(BIN)/python manage.py backup

restore: $(STAMP)  ## Restore a backup: make restore FILE=var/backups/portal-….tar (asks first)
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/portal-….tar"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

load: $(STAMP)  ## Load test: 50 clients on the public pages for 2 minutes under gunicorn (LOAD_ARGS=--help)
	$(BIN)/python bench/load.py $(LOAD_ARGS)
