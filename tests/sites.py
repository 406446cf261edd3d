"""A site of its own for tests that run Django in other processes (workers, concurrent writers):
a SQLite file, a media folder and a cache folder in ``folder``, migrated."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def migrated_site(folder, **variables):
    """The environment of a new, migrated site in ``folder`` (``variables`` added to it)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "esa_archive.settings",
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "CACHE_DIR": str(folder / "cache"),
        **variables,
    }
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stderr
    return environment
