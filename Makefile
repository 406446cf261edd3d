# ESA Archive — the commands a newcomer needs. `make run` serves the demo; `make test` proves it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run serve test test-postgres cluster-test lint format messages bench lighthouse install browser-tools

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: install
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py load_demo
	@echo ""
	@echo "  ESA Archive is served on  http://127.0.0.1:$(PORT)/en/  and  http://127.0.0.1:$(PORT)/fr/"
	@echo "  Editors' admin:           http://127.0.0.1:$(PORT)/admin/  (login: editor / esa-archive-demo)"
	@echo ""
	PORT=$(PORT) $(PY) -m esa_archive.develop

# Production: DEBUG off, migrations and collectstatic done, gunicorn sized to the machine (README).
serve: install
	PORT=$(PORT) $(PY) -m esa_archive.serve

test: install
	$(PY) -m pytest

# The same suite against a throwaway PostgreSQL 15 cluster (see .ci/with-postgres).
test-postgres: install
	bash .ci/with-postgres $(PY) -m pytest

# The production topology on this machine: PostgreSQL 15, Redis, SeaweedFS (S3), two app servers
# and a worker (tests/test_cluster.py; make test-postgres runs it too). Needs redis-server.
cluster-test: install
	bash .ci/with-postgres $(PY) -m pytest -m cluster -s -p no:cacheprovider

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run --verbosity 0

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-extract interface strings after changing templates or Python, translate the .po file, then
# run it again: it compiles the .mo, which is committed so that the site runs without gettext.
messages: install
	$(PY) manage.py makemessages --locale fr --ignore=.venv --ignore=bench --ignore=node_modules --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0

# `python -m bench`: image ingest, first-screen transfer, in-process render times. `bench.video`:
# the editor's upload requests, the worker's transcoding and bulk ingest. `bench.load`:
# the served pages under wrk at 1k, 10k and 100k images (BENCH_SIZES, BENCH_SECONDS, ...: see
# bench/load.py), on SQLite, then on a throwaway PostgreSQL 15 when its binaries are there.
bench: install
	$(PY) -m bench
	$(PY) -m bench.video
	$(PY) -m bench.load
	if [ -x /usr/lib/postgresql/15/bin/initdb ]; then bash .ci/with-postgres $(PY) -m bench.load; fi

# The browser tests' and Lighthouse's npm packages (axe-core, lighthouse@12), as locked.
# Chromium itself comes from Debian: apt-get install chromium (no browser is ever downloaded).
browser-tools: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Lighthouse (mobile profile) on the home, gallery and image pages of the demo site, which the
# script serves itself with DEBUG off. A benchmark, not a gate: it prints the scores.
lighthouse: install browser-tools
	$(PY) bench/lighthouse.py
