"""What every IIIF answer has: plain-text errors, JSON with validators (CORS for everyone is
``esa_archive.headers.OpenDataCorsMiddleware``'s).

IIIF answers set their own caching: an ETag (and Last-Modified for images), 304s, and
``Cache-Control`` (images kept ``IIIF_MAX_AGE``; JSON revalidated like pages, a CDN keeping it
``PAGE_CACHE_CDN_SECONDS``). ``info.json`` is negotiated on ``Accept`` (JSON-LD only for a
client that asks for it, as the Image API requires), which the page cache, keyed by the URL
alone, cannot tell apart. So every answer here is a streamed one, which the page cache never
stores (``caching.PageCacheMiddleware``): what the view says is what the client gets.
"""

import hashlib
import json

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

JSON = "application/json"
JSON_LD = "application/ld+json"


def text(status, message, **headers):
    """A plain-text answer (an error), readable by any client."""
    response = HttpResponse(f"{message}\n", content_type="text/plain; charset=utf-8", status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def not_modified(request, **validators):
    """A 304 (or a 412) when the client's copy is current, else None. ``validators``: the
    ``etag``, ``last_modified`` (a timestamp), ``max_age`` and ``cdn_seconds`` of the answer."""
    response = get_conditional_response(
        request, etag=validators["etag"], last_modified=validators.get("last_modified")
    )
    return None if response is None else _validated(response, **validators)


def body(request, data, content_type, **validators):
    """``data`` (bytes) streamed, or a 304 when the client's copy is current."""
    unchanged = not_modified(request, **validators)
    if unchanged is not None:
        return unchanged
    response = StreamingHttpResponse([data], content_type=content_type)
    response["Content-Length"] = str(len(data))
    return _validated(response, **validators)


def _validated(response, *, etag, last_modified=None, max_age=0, cdn_seconds=None):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    options = {"public": True, "max_age": max_age}
    if cdn_seconds is not None:
        options["s_maxage"] = cdn_seconds
    patch_cache_control(response, **options)
    return response


def json_answer(request, data, profile, *, negotiate=False):
    """``data`` as JSON: JSON-LD with ``profile``, or (``negotiate``) only when the client's
    ``Accept`` asks for JSON-LD, plain JSON otherwise."""
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode()
    wants_ld = not negotiate or JSON_LD in request.headers.get("Accept", "")
    content_type = f'{JSON_LD};profile="{profile}"' if wants_ld else f"{JSON}; charset=utf-8"
    etag = f'"{hashlib.sha256(payload + content_type.encode()).hexdigest()[:32]}"'
    response = body(
        request,
        payload,
        content_type,
        etag=etag,
        max_age=0,
        cdn_seconds=settings.PAGE_CACHE_CDN_SECONDS,
    )
    if negotiate:
        patch_vary_headers(response, ("Accept",))
    return response
