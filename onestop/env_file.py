"""A deployment's ``.env`` file, read where the product starts and nowhere else.

``manage.py``, the WSGI application (``onestop.wsgi``) and the Celery worker and beat
(``onestop.worker``) call :func:`load` before Django reads its settings. The settings read
only the environment, so that whatever imports them directly, as the test suite does, is
not changed by a ``.env`` with production values at the top of a developer's checkout.
"""

from pathlib import Path

import environ

DEFAULT_PATH = Path(__file__).resolve().parent.parent / ".env"


def load(path: Path = DEFAULT_PATH) -> None:
    """Add the variables of `path` to the environment, if the file exists.

    A variable already set in the environment wins over the file, as the README promises.
    """
    if path.is_file():
        environ.Env.read_env(path, overwrite=False)
