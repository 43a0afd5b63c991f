# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The development settings build the admin address from it.
export PORT

.PHONY: run test check install install-dev serve worker bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files make reinstalls happen only when the requirements change.
$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# The Nu HTML Checker and Lighthouse for the tests, pinned in package-lock.json;
# they run on the machine's Java and Chromium, so no install script downloads either.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev node_modules/.installed

# Each step says what it is doing: the first run takes a minute before the server starts.
run: install
	@echo "Updating the database (migrations)..."
	@$(BIN)/python manage.py migrate --noinput -v 0
	@echo "Loading the demo site..."
	@$(BIN)/python manage.py load_demo_content
	@$(BIN)/python manage.py ensure_admin
	@echo "Starting the background worker (it sends email, printed below), the alerts sweep and the server..."
	@# The worker and the sweep (send_alerts, every five minutes: docs/deployment.md)
	@# stop with the server; only the server reloads on code changes, so
	@# "Watching for file changes" is printed once.
	@$(BIN)/python manage.py db_worker -v 0 --no-reload & worker=$$!; \
	while true; do $(BIN)/python manage.py send_alerts -v 0; sleep 300; done & sweep=$$!; \
	trap 'kill $$worker $$sweep 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Style and structure, before any test runs: CI fails on any of them.
check: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --lint templates */templates
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# One pytest worker per core, each taking the next test as it finishes one.
test: check
	$(BIN)/python -m pytest -n auto --dist load $(PYTEST_ARGS)

# The load benchmark (bench/load.py), by hand: set DATABASE_URL to a PostgreSQL
# database of its own and REDIS_URL; needs Debian's wrk.
bench: install
	$(BIN)/python bench/load.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .admin-password
