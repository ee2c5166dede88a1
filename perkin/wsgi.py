"""WSGI entry point (gunicorn perkin.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perkin.settings")
application = get_wsgi_application()
