# Leerplatform: `make run` starts the whole site, `make test` checks it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint format install messages bench clean smoke audit load

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 of nieuwer is nodig")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $@

install: $(VENV)/.installed

# Links in e-mails and the printed login point at the port actually served.
run: install
	PORT=$(PORT) SITE_BASE_URL=$${SITE_BASE_URL:-http://127.0.0.1:$(PORT)} \
		$(BIN)/python manage.py runstack

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python scripts/audit_dependencies.py
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks measure on PostgreSQL, where the targets apply; figures go to
# docs/benchmarks.md.
BENCH_SCALE ?= seed
bench: install
	@test -n "$$DATABASE_URL" || { echo "make bench meet op PostgreSQL: zet DATABASE_URL=postgres://…"; exit 2; }
	$(BIN)/python bench/pages.py --scale $(BENCH_SCALE)
	@if [ -n "$$REDIS_URL" ]; then $(BIN)/python bench/tracking.py; else echo "bench/tracking.py overgeslagen: zet REDIS_URL (de tracking buffert in Redis)"; fi
	# Newsletter sending: one Celery worker (Redis broker) vs raw smtplib and
	# django-newsletter, and worker memory at 100,000 recipients.
	$(BIN)/python bench/sending.py

# 50 visitors for 60 s while a 10,000-recipient send runs and its opens and clicks
# arrive (bench/load.py), on loopback; needs the seed demo content on PostgreSQL
# and Redis. Figures go to docs/benchmarks.md.
load: install
	@test -n "$$DATABASE_URL" || { echo "make load meet op PostgreSQL: zet DATABASE_URL=postgres://…"; exit 2; }
	$(BIN)/python bench/load.py $(LOAD_ARGS)

MESSAGE_IGNORES := --ignore=.venv --ignore=var --ignore=build --ignore=tests --ignore="*/migrations/*"

messages: install
	$(BIN)/python manage.py makemessages --locale nl --locale en $(MESSAGE_IGNORES) --no-obsolete
	$(BIN)/python manage.py compilemessages --locale nl --locale en --ignore=.venv

# Known vulnerabilities in the installed dependencies (pip-audit); says so plainly
# when the registry gives no data to check against (AUDIT_REQUIRED=1: an error).
audit: install
	$(BIN)/python scripts/audit_dependencies.py

# A fresh clone of the committed HEAD: `make run` serves and stops cleanly, and
# `make test` passes there (scripts/check_fresh_clone.py; CI runs this).
smoke:
	$(PYTHON) scripts/check_fresh_clone.py

clean:
	rm -rf $(VENV) var
