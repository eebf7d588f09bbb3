"""The WSGI application (``gunicorn onestop.wsgi:application``), after the ``.env`` file."""

import os

from django.core.wsgi import get_wsgi_application

from onestop import env_file

env_file.load()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestop.settings")

application = get_wsgi_application()
