"""The page cache: what is cached, under which key, and how one change makes it all stale.

Every anonymous public page (each language, each query string) is kept in the cache that all
server processes share. Its key holds the *content version*, one database row that a signal
handler renews on any change a visitor could see (see ``CHANGES``). The next request reads the
new token and misses, so a publish, an unpublish, a delete, a crew link or a portrait shows on
every page at once. Old entries are never read again and leave the cache by expiry or eviction.

The database row is the source of truth; the shared cache holds a short-lived copy of it, so
that a cached page is served without touching the database (see ``current_version``).
"""

import gzip
import hashlib
import re
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from .models import (
    Agency,
    Agreement,
    Astronaut,
    ContentVersion,
    CrewMember,
    Experiment,
    ImageCaption,
    Mission,
    MissionEvent,
    MissionFigure,
    Place,
    RelatedLink,
    Spacecraft,
    TimelapseSpeed,
    Video,
)

VERSION_PK = 1
VERSION_KEY = "content-version"
VERSION_SECONDS = 10
RENDER_WAIT_SECONDS = 5
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Headers a cached answer must not repeat: they are per request, or set again when served.
NOT_STORED = {
    "set-cookie",
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "cache-control",
    "expires",
}


@dataclass(frozen=True)
class Version:
    token: str
    changed_at: object  # an aware datetime


def current_version():
    """The content version every cached page and count is keyed by.

    Read from the shared cache, where every writer puts the new version when its transaction
    commits, so that a cached page costs no database connection; from the database (the
    source of truth) when the cache has none. A writer removes the copy before it commits and
    puts the new one after; ``cache.add`` never overwrites a writer's. The copy lives
    ``VERSION_SECONDS`` at most, which bounds the only lag possible (a writer whose process
    died between its commit and putting the new copy, after a reader stored the old one).
    """
    version = page_cache().get(VERSION_KEY)
    if version is None:
        row = ContentVersion.objects.filter(pk=VERSION_PK).values_list("token", "changed_at")
        row = row.first()
        if row is None:  # a new or flushed database
            return content_changed()
        version = Version(*row)
        page_cache().add(VERSION_KEY, version, VERSION_SECONDS)
    return version


class VersionMemo:
    """A value each process works out once per content version (and per arguments), kept in
    memory: what the search reads of the small tables (names, site-wide records)."""

    instances = []

    def __init__(self, make):
        self.make = make
        self.kept = {}
        VersionMemo.instances.append(self)

    def get(self, *args):
        key = (current_version().token, *args)
        if key not in self.kept:
            self.kept.clear()  # an older version's value is never asked for again
            self.kept[key] = self.make(*args)
        return self.kept[key]

    @classmethod
    def forget_all(cls):
        """Drop every kept value (the tests roll back and reuse version tokens)."""
        for memo in cls.instances:
            memo.kept.clear()


_loading = threading.local()


@contextmanager
def bulk_load():
    """For loading many records at once (a restore): saves inside neither renew the version
    nor recount the gallery one by one; the caller recounts, and the version is renewed once
    at the end. (A restore of 100,000 images did 150,000 of each.)"""
    _loading.active = True
    try:
        yield
    finally:
        _loading.active = False
    content_changed()


def bulk_loading():
    return getattr(_loading, "active", False)


def content_changed(**kwargs):
    """Renew the content version: every cached page and count is stale from now on.

    Runs inside the writer's transaction, so a rolled-back change leaves the version alone and
    a committed one is seen by every process at its next request.
    """
    if bulk_loading():
        return None
    version = Version(uuid.uuid4().hex, timezone.now())
    values = {"token": version.token, "changed_at": version.changed_at}
    try:
        with transaction.atomic():
            ContentVersion.objects.update_or_create(pk=VERSION_PK, defaults=values)
    except IntegrityError:  # two first writers at once: the other one created the row
        ContentVersion.objects.filter(pk=VERSION_PK).update(**values)
    # Until the commit, readers go to the database (where they see the old row); from the
    # commit on, the cache gives them the new version.
    page_cache().delete(VERSION_KEY)
    transaction.on_commit(lambda: page_cache().set(VERSION_KEY, version, VERSION_SECONDS))
    return version


# What a visitor can see: any save, delete or link change of these renews the version. Bulk
# ``QuerySet.update()`` sends no signal: the code that calls it calls content_changed() itself.
# Likes are not among them: a like changes its record's count with ``update()``, and renews
# only the pages that show that count (``likes.py``), never the whole cache.
CHANGES = (
    Mission,
    Astronaut,
    Spacecraft,
    ImageCaption,
    CrewMember,
    Video,
    TimelapseSpeed,
    Agency,
    Place,
    Agreement,
    Experiment,
    MissionFigure,
    MissionEvent,
    RelatedLink,
)
LINKS = (
    Mission.spacecraft.through,
    Mission.partners.through,
    ImageCaption.spacecraft.through,
    Video.astronauts.through,
    Video.spacecraft.through,
    Agreement.parties.through,
    Experiment.missions.through,
    MissionEvent.images.through,
    MissionEvent.videos.through,
)

for model in CHANGES:
    post_save.connect(content_changed, sender=model, dispatch_uid=f"cache-save-{model.__name__}")
    post_delete.connect(
        content_changed, sender=model, dispatch_uid=f"cache-delete-{model.__name__}"
    )
for through in LINKS:
    m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"cache-m2m-{through}")


def _migrated(app_config, using, **kwargs):
    """A deployment migrates: new templates or translations must not hide behind old pages."""
    tables = connections[using].introspection.table_names()
    if app_config.name == "missions" and ContentVersion._meta.db_table in tables:
        content_changed()


post_migrate.connect(_migrated, dispatch_uid="cache-migrate")


def forget_pages(request, paths):
    """Drop the cached pages at ``paths`` (exact paths, no query string) on the host and scheme
    of ``request``, under the current version; every other cached page stays.

    For a change only these pages show (a like's count): renewing the version would make every
    page of the site a miss. Called once the change is committed, so that a page rendered from
    then on, and stored, shows it. (A CDN may still keep its copy ``PAGE_CACHE_CDN_SECONDS``.)
    """
    version = current_version()
    keys = []
    for path in paths:
        request_for = _PathOf(request, path)
        key = PageCacheMiddleware._key(request_for, version)
        if key is not None:
            keys.append(key)
    if keys:
        page_cache().delete_many(keys)
    return keys


class _PathOf:
    """``request`` as if it asked for ``path`` (what ``PageCacheMiddleware._key`` reads)."""

    def __init__(self, request, path):
        self.request, self.path = request, path
        self.scheme = request.scheme

    def get_host(self):
        return self.request.get_host()

    def get_full_path(self):
        return self.path


def settled_second(version):
    """The version's time in whole seconds (Last-Modified), once that second is over.

    HTTP dates count whole seconds: a Last-Modified given out while its second is still running
    could hide a second change made within that same second. Given out only afterwards, any
    later change falls in a later second. Until then the ETag alone revalidates.
    """
    if (timezone.now() - version.changed_at).total_seconds() < 1:
        return None
    return int(version.changed_at.timestamp())


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


@dataclass(frozen=True)
class CachedPage:
    status: int
    headers: tuple
    body: bytes
    gzipped: bytes | None
    etag: str


class PageCacheMiddleware:
    """Serve anonymous public pages from the shared cache; say who else may keep them.

    It sits right after WhiteNoise, so a cached page costs one version query and one cache
    read. A request is a candidate when it is a GET or HEAD with neither a session cookie
    (a logged-in editor, who may see previews) nor a messages cookie (a message waits to be
    shown). Its answer is stored when it is a whole 200 page that set no cookie, queued no
    message and was not marked private by the view (the admin's never_cache, for one).
    Stored and storable pages say ``Cache-Control: public`` with ``s-maxage`` for a CDN and
    ``max-age=0`` for browsers, which revalidate with the ETag (304 when nothing changed).
    Everything else that did not set its own policy says ``private``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._is_candidate(request):
            return self._private(self.get_response(request))
        version = current_version()
        key = self._key(request, version)
        if key is None:  # a host outside ALLOWED_HOSTS: let CommonMiddleware answer
            return self.get_response(request)
        if settings.PAGE_CACHE:
            page = page_cache().get(key) or self._wait_for_another_render(key)
            if page is not None:
                return self._serve(request, page, version)
        try:
            response = self.get_response(request)
            if not self._is_storable(request, response):
                return self._private(response)
            page = self._page(response, compress=settings.PAGE_CACHE)
            if settings.PAGE_CACHE:
                page_cache().set(key, page, settings.PAGE_CACHE_SECONDS)
        finally:
            if settings.PAGE_CACHE:
                page_cache().delete(f"{key}:rendering")  # see _wait_for_another_render
        return self._serve(request, page, version)

    @staticmethod
    def _wait_for_another_render(key):
        """After a change every page is a miss at once: one request renders a page while the
        others asking for it wait for its result (a few seconds at most, then they render it
        themselves), instead of all rendering the same page together."""
        lock = f"{key}:rendering"
        if page_cache().add(lock, True, RENDER_WAIT_SECONDS):
            return None  # this request renders it
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            page = page_cache().get(key)
            if page is not None or page_cache().get(lock) is None:
                return page  # stored; or done without storing (a 404, a message): render too
        return None

    @staticmethod
    def _is_candidate(request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(f"/{settings.MEDIA_URL.strip('/')}/")
        )

    @staticmethod
    def _key(request, version):
        try:
            host = request.get_host()
        except Exception:  # DisallowedHost, with whatever subclass a setting picks
            return None
        address = f"{request.scheme}://{host}{request.get_full_path()}"
        return f"page:{version.token}:{hashlib.sha256(address.encode()).hexdigest()}"

    @staticmethod
    def _is_storable(request, response):
        storage = getattr(request, "_messages", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and not (storage is not None and storage.added_new)
        )

    @staticmethod
    def _page(response, compress):
        """What is kept of a page; compressed once here when it is stored (otherwise
        GZipMiddleware compresses it for the browsers that ask)."""
        body = response.content
        headers = tuple(
            (name, value) for name, value in response.items() if name.lower() not in NOT_STORED
        )
        etag = f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
        gzipped = gzip.compress(body, 6, mtime=0) if compress else None
        return CachedPage(200, headers, body, gzipped, etag)

    @staticmethod
    def _serve(request, page, version):
        gzipped = page.gzipped is not None and ACCEPTS_GZIP.search(
            request.headers.get("Accept-Encoding", "")
        )
        response = HttpResponse(page.gzipped if gzipped else page.body, status=page.status)
        for name, value in page.headers:
            response[name] = value
        if gzipped:
            response["Content-Encoding"] = "gzip"
            patch_vary_headers(response, ("Accept-Encoding",))
        response["ETag"] = page.etag
        last_modified = settled_second(version)
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_CDN_SECONDS
        )
        return get_conditional_response(
            request, etag=page.etag, last_modified=last_modified, response=response
        )

    @staticmethod
    def _private(response):
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response
