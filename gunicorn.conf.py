"""gunicorn settings (`gunicorn -c gunicorn.conf.py perkin.wsgi`), sized for a 2-core machine
that also runs PostgreSQL, Redis and one Celery worker. Pages are short CPU work plus database
round trips; report files come from storage (the queue renders them), so no request is slow.

- workers = cores + 1: one process per core plus one to cover database waits; more processes
  only time-slice the same two cores and raise every request's time.
- gthread with 2 threads each: a request waiting on the database or on a client's slow upload
  does not hold a whole process; the GIL keeps the CPU work one-at-a-time per process.
- timeout 30 s: no page needs more; a worker stuck that long is restarted.
- preload_app: the application (and wsgi.py's gc.freeze) is loaded once in the master and
  shared copy-on-write by the workers.
Every value can be overridden from the environment (GUNICORN_WORKERS, GUNICORN_THREADS,
GUNICORN_TIMEOUT, GUNICORN_BIND).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# a worker is replaced after this many requests (bounded memory growth), not all at once
max_requests = 2000
max_requests_jitter = 200
preload_app = True
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
