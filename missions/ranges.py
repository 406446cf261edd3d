"""A single byte range of a media file (``Range: bytes=…``): what a video player asks for to
start in the middle, or to seek, without downloading the film from its start.

Django's static ``serve`` answers every request with the whole file. Only single ranges are
served; several ranges, or one that cannot be read, get the whole file (as RFC 9110 allows) or a
416 when the range starts past the end.
"""

import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils._os import safe_join

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 256 * 1024


def ranged(request, path):
    """A 206 (or 416) response for a ``Range`` request on ``path``, or ``None`` to serve it
    whole."""
    match = RANGE.match(request.headers.get("Range", "").strip())
    if match is None or request.method not in ("GET", "HEAD"):
        return None
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
        size = full_path.stat().st_size
    except (OSError, ValueError) as error:
        raise Http404("No such file.") from error
    first, last = match.groups()
    if not first and not last:
        return None
    if first:
        start, end = int(first), min(int(last) if last else size - 1, size - 1)
    else:  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
    if start >= size or start > end:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    length = end - start + 1
    response = StreamingHttpResponse(
        _read(full_path, start, length) if request.method == "GET" else [],
        status=206,
        content_type=mimetypes.guess_type(full_path.name)[0] or "application/octet-stream",
    )
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    return response


def _read(path, start, length):
    with open(path, "rb") as file:
        file.seek(start)
        while length > 0:
            chunk = file.read(min(CHUNK, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk
