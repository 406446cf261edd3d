"""Settings come from the environment, and production refuses an unsafe configuration."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LONG_KEY = "kR3v-" * 10  # 50 characters, 5 different


def load_settings(**env):
    """Import the settings in a fresh interpreter with this environment; return the result."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    environment.update(env)
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'esa_archive.settings';"
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_debug_off_with_the_default_secret_key_refuses_to_start():
    result = load_settings(DEBUG="false", DATABASE_URL="sqlite:///x.sqlite3")
    assert result.returncode != 0
    assert "DEBUG is off but SECRET_KEY is the public default" in result.stderr


def test_debug_off_with_a_secret_key_starts():
    result = load_settings(DEBUG="false", SECRET_KEY=LONG_KEY, DATABASE_URL="sqlite:///x")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "False"]


def test_database_url_selects_postgresql():
    result = load_settings(DATABASE_URL="postgres://u:p@127.0.0.1:5432/esa")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


def test_zero_configuration_is_a_local_sqlite_site():
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'esa_archive.settings';"
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.DATABASES['default']['NAME'], settings.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.stdout.split() == [str(ROOT / "db.sqlite3"), "True"]


def test_debug_off_with_a_short_or_simple_secret_key_refuses_to_start():
    for key in ("s3cret-for-test", "a" * 60):
        result = load_settings(DEBUG="false", SECRET_KEY=key, DATABASE_URL="sqlite:///x")
        assert result.returncode != 0
        assert "SECRET_KEY is too short or too simple" in result.stderr


def test_production_settings_pass_djangos_deployment_check():
    """`check --deploy` with what a production site sets: no warning at all."""
    # Not DJANGO_ALLOW_ASYNC_UNSAFE either: the browser tests set it for this process only.
    ignored = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(
        DEBUG="false",
        SECRET_KEY=LONG_KEY,
        ALLOWED_HOSTS="archive.example.org",
        DATABASE_URL="sqlite:///x",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout
