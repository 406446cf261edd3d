"""The API itself: its description, its limits and its errors.

Its answers are anonymous GETs, so the page cache (``caching.PageCacheMiddleware``) keeps them
as it keeps pages, per address and content version, with an ``ETag`` of the body: a client that
sends it back gets a ``304 Not Modified`` while the answer stays the same, and a cached answer
is served without reaching the API's code (nor its rate limit, which counts the answers that
are worked out).
"""

import threading

from django.utils.translation import gettext as _
from ninja import NinjaAPI, Status
from ninja.errors import ValidationError
from ninja.throttling import BaseThrottle

from .. import links, throttle
from .cursors import CursorError

DESCRIPTION = """\
The public archive of the agency's mission media: missions, astronauts, spacecraft, images and
videos, in English and French. Read-only, no key needed.

- **Texts** come in both languages, `{"en": …, "fr": …}`, `null` where none was written.
- **Lists** are in pages: follow `next` (a cursor) until it is `null`. A cursor stays valid
  while the archive changes; `limit` is 1 to 100.
- **Images** take the gallery's filters (`mission`, `photographer`, `spacecraft`, `year`) and
  its search (`q`, in either language), in its orders (`sort`: relevance, newest, oldest,
  recently added, most liked).
- **Conditional requests**: send back the `ETag` as `If-None-Match` to get `304 Not Modified`
  while the answer stays the same.
- **Limits**: each client address may have a set number of answers worked out per minute
  (300 unless the site says otherwise; answers already cached do not count); beyond it the
  answer is `429` with `Retry-After`.
- **Licences**: every image and video says its licence and credit; follow them when you re-use
  it.
"""


class ClientThrottle(BaseThrottle):
    """``API_ANON_RATE`` per client address (``missions/throttle.py``, shared with IIIF).

    Ninja asks ``allow_request`` then ``wait`` on one instance for every request: the wait is
    kept per thread, as requests are answered in several at once."""

    answered = threading.local()

    def allow_request(self, request):
        self.answered.wait = throttle.take(request, "API_ANON_RATE")
        return self.answered.wait is None

    def wait(self):
        return getattr(self.answered, "wait", None)


api = NinjaAPI(
    title="ESA Archive API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[ClientThrottle()],
)


@api.exception_handler(ValidationError)
def invalid_parameters(request, error):
    """Parameters that do not parse: a 400 that names each one (Ninja's default is a 422)."""
    problems = [
        f"{'.'.join(str(part) for part in problem['loc'][1:]) or 'request'}: {problem['msg']}"
        for problem in error.errors
    ]
    return api.create_response(request, {"detail": "; ".join(problems)}, status=400)


@api.exception_handler(CursorError)
def bad_cursor(request, error):
    return api.create_response(request, {"detail": str(error)}, status=400)


def named(queryset, slug):
    """The record of ``queryset`` called ``slug``, or None (a text that is no slug is never
    looked up)."""
    return queryset.filter(slug=slug).first() if links.is_slug(slug) else None


def not_found(slug):
    """The answer for a slug that names nothing public (drafts included: they are not told
    apart from what does not exist)."""
    return Status(404, {"detail": _("Nothing published is called “%(slug)s”.") % {"slug": slug}})


def described(request, queryset, slug, describe):
    """The answer for the record of ``queryset`` called ``slug``: ``describe(request, record)``,
    or a 404."""
    found = named(queryset, slug)
    return not_found(slug) if found is None else describe(request, found)
