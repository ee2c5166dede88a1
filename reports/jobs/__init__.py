"""The job queue's work (Celery, perkin/celery.py): report files rendered and stored before they
are asked for (a locked quarter queues its files; the report page queues what it lacks; the
same file asked for twice is one job), per-unit summaries for the view across units kept
current after every change, and batch regeneration. ``queue`` asks for work, ``tasks`` does it,
``summaries`` computes and stores the per-unit figures, ``receivers`` connects the signals."""
