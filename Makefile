# Teacher Commons: `make run` serves the site, `make test` runs the checks.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-unit test-browser lint install install-dev messages catalogues bench clean browser-deps

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/activate
	$(PY) -m pip install -q .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/activate
	$(PY) -m pip install -q ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

catalogues: install
	$(PY) manage.py compile_catalogues

run: install catalogues
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py demo_accounts --host $(HOST) --port $(PORT)
	@# Scheduled publishing and expiry run beside Daphne, and stop with it.
	$(PY) manage.py run_scheduler & scheduler=$$!; \
	  trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/daphne -b $(HOST) -p $(PORT) config.asgi:application

# Browser tests need Debian's Chromium and axe-core; install them when missing.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: install Debian's 'chromium' package to run the browser tests"; exit 1; fi; }
	@[ -f node_modules/axe-core/axe.min.js ] || npm install --no-save --silent --no-audit --no-fund axe-core@4 >/dev/null

lint: install-dev
	$(VENV)/bin/ruff check .

test-unit: install-dev catalogues
	$(PY) -m pytest -m "not browser" -q

test-browser: install-dev catalogues browser-deps
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -m browser -q

test: lint test-unit test-browser

messages: install-dev
	cd $(CURDIR) && $(PY) manage.py makemessages -l az -l ru -l kk -l ky -l uz -l tg -l tr --no-obsolete --ignore=.venv --ignore=node_modules --ignore=media --ignore=staticfiles

bench: install-dev
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles media db.sqlite3
