"""Settings every test shares: uploads go to a temporary folder, never into media/; and the
fixtures of tests that start real servers (``servers.py``)."""

import os
import shutil

import pytest
from django.core.cache import cache
from django.utils import translation

from missions import facets
from missions.caching import VersionMemo
from tests.servers import Server, redis_server


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # A private cache per test: imagekit remembers in it which renditions exist, and the page
    # cache keeps pages in it.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    # A rolled-back test may leave a version token that comes again: forget what was kept.
    facets.forget_archive()
    VersionMemo.forget_all()
    # A request to a French page leaves French active in this thread: reverse() would give
    # French URLs to the next test.
    translation.activate("en")
    # Pages are rendered for every request, so tests can read response.context; the page
    # cache's own tests (test_page_cache.py) turn it on.
    settings.PAGE_CACHE = False
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Jobs are queued, not run: a test runs them with the ``jobs`` fixture.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return settings.MEDIA_ROOT


@pytest.fixture
def jobs(django_capture_on_commit_callbacks):
    """``jobs.run()`` runs what was queued (and what those jobs queue), as the worker would;
    ``jobs.queued()`` lists it without running it."""
    from django_tasks import default_task_backend

    class Jobs:
        done = set()
        capture = staticmethod(django_capture_on_commit_callbacks)

        def queued(self):
            return [r for r in default_task_backend.results if r.id not in self.done]

        def run(self):
            count = 0
            while pending := self.queued():
                for result in pending:
                    self.done.add(result.id)
                    with django_capture_on_commit_callbacks(execute=True):
                        result.task.call(*result.args, **result.kwargs)
                    count += 1
            return count

    return Jobs()


@pytest.fixture
def editor(db, django_user_model):
    """A member of the Editors group (not a superuser), as the demo editor is."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def launch():
    """Start servers in a test; every one is stopped afterwards, even if the test failed."""
    servers = []

    def start(folder, key_file=None, seconds=60, **env):
        server = Server(folder, key_file, **env)
        servers.append(server)
        return server.start(seconds)

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def postgres_database():
    """A new, empty database on the PostgreSQL server the suite runs on (dropped afterwards)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the suite runs on SQLite: no PostgreSQL server to pool connections to")
    import psycopg

    name = f"serve_pool_{os.getpid()}"
    server_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name, server_url, name
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url(tmp_path):
    """A Redis of the test's own (Debian's redis-server: skipped without it, unless CI)."""
    if shutil.which("redis-server") is None and not os.environ.get("REQUIRE_REDIS"):
        pytest.skip("needs redis-server (Debian's redis-server; CI installs it)")
    with redis_server(tmp_path) as url:
        yield url
