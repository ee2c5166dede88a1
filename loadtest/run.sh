#!/usr/bin/env bash
# `make loadtest`: gunicorn (gunicorn.conf.py) + PostgreSQL + Redis + one Celery worker on this
# machine, locust with 50 users for 60 s, then the table of loadtest/summary.py. The database
# (demo year + 100 synthetic units x 3 years) is built once and reused; LOADTEST_FRESH=1 rebuilds.
# Everything started here is stopped here, by process id.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
DB=${LOADTEST_DB:-perkin_load}
PORT=${LOADTEST_PORT:-8100}
USERS=${LOADTEST_USERS:-50}
SECONDS_RUN=${LOADTEST_TIME:-60s}
LABEL=${LOADTEST_LABEL:-after}
GUNICORN=${LOADTEST_GUNICORN:-"$BIN/gunicorn -c gunicorn.conf.py perkin.wsgi"}
WORKER=${LOADTEST_WORKER:-1}
OUT=var/loadtest
mkdir -p "$OUT"
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB SECRET_KEY=loadtest-only DEBUG=0 \
  ALLOWED_HOSTS=127.0.0.1,localhost CACHE_DIR=$PWD/var/load-cache MEDIA_ROOT=$PWD/var/load-media \
  SECURE_COOKIES=0 DJANGO_SETTINGS_MODULE=perkin.settings
if [ "$WORKER" = "1" ]; then
  export CELERY_BROKER_URL=${CELERY_BROKER_URL:-redis://127.0.0.1:6379/3}
fi
# computed reports shared by the server processes (a Redis database of its own)
export REPORT_CACHE_URL=${REPORT_CACHE_URL:-redis://127.0.0.1:6379/4}
export LOADTEST_PASSWORD=load-only

if [ "${LOADTEST_FRESH:-0}" = "1" ] || ! psql -h 127.0.0.1 -U postgres -lqt | cut -d'|' -f1 | grep -qw "$DB"; then
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" postgres
  $BIN/python manage.py migrate -v0
  $BIN/python manage.py loaddemo > /dev/null
  $BIN/python manage.py generate_synthetic --units 100 --years 3 --seed 1 --last-year 2024
fi
$BIN/python manage.py migrate -v0
# a rebuilt database numbers its data versions again: nothing computed from the old one is kept
$BIN/python manage.py shell -c "from django.core.cache import caches; caches['reports'].clear()"
$BIN/python manage.py loadtest_users --units "$USERS" --password "$LOADTEST_PASSWORD" --sessions "$OUT/sessions.json"
export LOADTEST_SESSIONS=$OUT/sessions.json
$BIN/python manage.py collectstatic --noinput -v0

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
if [ "$WORKER" = "1" ]; then
  # below the web server's CPU priority: on a machine that serves pages too, a page waits for
  # no report file being rendered (files are ready a little later under load instead)
  nice -n "${LOADTEST_WORKER_NICE:-10}" $BIN/celery -A perkin worker --loglevel=WARNING \
    --concurrency=1 > "$OUT/$LABEL-worker.log" 2>&1 &
  pids+=($!)
fi
$GUNICORN --bind 127.0.0.1:$PORT > "$OUT/$LABEL-gunicorn.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/accounts/login/" && break; sleep 1; done

$BIN/locust -f loadtest/locustfile.py --headless -u "$USERS" -r 10 -t "$SECONDS_RUN" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/$LABEL" --only-summary > "$OUT/$LABEL-locust.log" 2>&1 || true
$BIN/python loadtest/summary.py "$OUT/${LABEL}_stats.csv" "make loadtest ($LABEL): $USERS users, $SECONDS_RUN"
