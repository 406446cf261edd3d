"""Absolute links to our own pages (canonical, alternates, Open Graph, sitemaps).

Built from ``SITE_URL`` when it is set (production: the address visitors use, whatever host or
proxy a request came through), else from the request's host, which Django has checked against
``ALLOWED_HOSTS``. Never from the request's path: ``GET //evil.example/en/`` is a path that
``build_absolute_uri`` read as another site's address.
"""

import re

from django.conf import settings


def origin(request):
    """``https://archive.example.org``: our scheme and host, without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL
    return f"{request.scheme}://{request.get_host()}"


def local_path(path):
    """``path`` with one leading slash: ``//evil.example/en/`` stays a path on this site."""
    return "/" + path.lstrip("/")


def absolute(request, url):
    """``url`` (a path of ours, or already absolute, as a CDN's media URL) as an absolute URL."""
    if url.startswith(("http://", "https://")):
        return url
    return origin(request) + local_path(url)


# A slug (ASCII, at most a slug field's 120 characters): anything else in an address names
# nothing, and is not sent to the database (PostgreSQL refuses a NUL character with an error).
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


def is_slug(text):
    return SLUG.fullmatch(text) is not None


# A record's id in an address or a form: ASCII digits that fit a 64-bit column ("²" is a digit
# to ``str.isdigit`` but not to ``int``; a longer number overflows the database's integers).
RECORD_ID = re.compile(r"[0-9]{1,18}")


def record_id(text):
    """``text`` as a record's id, or ``None`` when it cannot be one."""
    text = str(text).strip()
    return int(text) if RECORD_ID.fullmatch(text) else None
