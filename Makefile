# The commands a person types. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := perkin.settings

.PHONY: run test lint format bench loadtest worker install demo clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo

# The browser tests need Debian's Chromium (and poppler, fonts for the PDF; cairo draws the Word
# report's charts); the office tests need LibreOffice (Calc and Writer, headless). They are
# installed when missing and this is root with apt; otherwise left out with a warning.
SYSTEM_DEPS := chromium poppler-utils fonts-liberation fonts-dejavu-core libcairo2
OFFICE_DEPS := libreoffice-calc libreoffice-writer
test: install
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_DEPS) >/dev/null; \
	  fi; \
	fi
	@if ! command -v soffice >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(OFFICE_DEPS) >/dev/null; \
	  fi; \
	fi
	@skip=""; \
	if ! command -v chromium >/dev/null 2>&1; then \
	  echo "WARNING: chromium not installed; browser tests left out (apt-get install $(SYSTEM_DEPS))"; \
	  skip="not browser"; \
	fi; \
	if ! command -v soffice >/dev/null 2>&1; then \
	  echo "WARNING: LibreOffice not installed; office tests left out (apt-get install --no-install-recommends $(OFFICE_DEPS))"; \
	  skip="$${skip:+$$skip and }not libreoffice"; \
	fi; \
	if [ -n "$$skip" ]; then $(BIN)/python -m pytest -m "$$skip"; else $(BIN)/python -m pytest; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# A queue worker for report files, summaries and regeneration (needs CELERY_BROKER_URL or
# REDIS_URL, e.g. redis://127.0.0.1:6379/0; without a broker `make run` runs jobs inline).
# -B: the same process also schedules the hourly deadline reminders (run one such worker only;
# more workers without -B, or a separate `celery -A perkin beat`).
worker: install
	$(BIN)/celery -A perkin worker -B --loglevel=INFO

# Timings on a PostgreSQL database: the demo year, then 1.000 synthetic units x 5 years (the
# generation takes a while: BENCH_KEEP=1 keeps the database for the next run and reuses it),
# then the regeneration of every Q4 report with 2 queue workers (Redis at 127.0.0.1:6379).
BENCH_DB ?= perkin_bench
BENCH_UNITS ?= 1000
BENCH_YEARS ?= 5
BENCH_KEEP ?= 0
BENCH_URL := postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
BENCH_ENV := DATABASE_URL=$(BENCH_URL) SECRET_KEY=bench-only DEBUG=0 CACHE_DIR=$(CURDIR)/var/bench-cache
HALF := $(shell expr $(BENCH_UNITS) / 2)
bench: install
	@if [ "$(BENCH_KEEP)" != "1" ] || ! psql -h 127.0.0.1 -U postgres -lqt | cut -d'|' -f1 | grep -qw "$(BENCH_DB)"; then \
	  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $(BENCH_DB)" -c "CREATE DATABASE $(BENCH_DB)" postgres && \
	  $(BENCH_ENV) $(BIN)/python manage.py migrate -v0 && \
	  $(BENCH_ENV) $(BIN)/python manage.py loaddemo > /dev/null && \
	  { $(BENCH_ENV) $(BIN)/python manage.py generate_synthetic --units $(BENCH_UNITS) --years $(BENCH_YEARS) --seed 1 --last-year 2024 --first $$(( $(HALF) + 1 )) & \
	    $(BENCH_ENV) $(BIN)/python manage.py generate_synthetic --units $(HALF) --years $(BENCH_YEARS) --seed 1 --last-year 2024; wait; }; \
	fi
	$(BENCH_ENV) $(BIN)/python manage.py migrate -v0
	$(BENCH_ENV) $(BIN)/python manage.py bench --label "Data demo BSPJI Palembang 2024"
	$(BENCH_ENV) $(BIN)/python manage.py bench_report --unit BSPJI-PLG --year 2024 --quarter 4
	$(BENCH_ENV) $(BIN)/python manage.py bench_import --unit BSPJI-PLG --year 2024
	$(BENCH_ENV) $(BIN)/python manage.py bench --unit SYN-001 --year 2024 --label "$(BENCH_UNITS) unit sintetis x $(BENCH_YEARS) tahun"
	$(BENCH_ENV) $(BIN)/python manage.py bench_regenerate --year 2024 --quarter 4 --workers 2
	@if [ "$(BENCH_KEEP)" != "1" ]; then psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $(BENCH_DB)" postgres; fi

# 50 users for 60 s (locust) against gunicorn (gunicorn.conf.py) + PostgreSQL + Redis + one
# worker on this machine; see loadtest/run.sh. LOADTEST_FRESH=1 rebuilds its database.
loadtest: install
	$(BIN)/pip install --quiet -e '.[load]'
	bash loadtest/run.sh

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
