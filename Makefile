# Leerplatform: `make run` starts the whole site, `make test` checks it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint format install messages bench clean

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
	$(BIN)/pytest

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
	# Newsletter sending: one Celery worker (Redis broker) vs raw smtplib and
	# django-newsletter, and worker memory at 100,000 recipients.
	$(BIN)/python bench/sending.py

MESSAGE_IGNORES := --ignore=.venv --ignore=var --ignore=build --ignore=tests --ignore="*/migrations/*"

messages: install
	$(BIN)/python manage.py makemessages --locale nl --locale en $(MESSAGE_IGNORES) --no-obsolete
	$(BIN)/python manage.py compilemessages --locale nl --locale en --ignore=.venv

clean:
	rm -rf $(VENV) var
