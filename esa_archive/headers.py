"""Headers Django has no setting for: the visitor's address behind proxies, Permissions-Policy,
compression for text only, no language ``Vary`` on media, CORS for the open data."""

from django.conf import settings
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware


class PermissionsPolicyMiddleware:
    """``Permissions-Policy: …`` (``settings.PERMISSIONS_POLICY``) on every response.

    Placed before the page cache in ``MIDDLEWARE``, so cached pages get it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def client_address(request):
    """The visitor's IP address, for django-axes (``AXES_CLIENT_IP_CALLABLE``).

    Directly on the internet (``PROXY_COUNT=0``) it is the connection's. Behind ``PROXY_COUNT``
    trusted proxies, each of which appends the address it received the request from to
    ``X-Forwarded-For`` (nginx's ``$proxy_add_x_forwarded_for``, most load balancers), it is
    the ``PROXY_COUNT``-th entry from the right: entries further left were written by the
    visitor and prove nothing.
    """
    count = settings.PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


class TextGZipMiddleware(GZipMiddleware):
    """Django's gzip, for text only: JPEG, WebP, MP4 and other compressed formats only grow
    when gzipped again (and a ranged video answer must stay byte for byte)."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if content_type.startswith(COMPRESSED_TYPES) and not content_type.startswith(TEXT_IMAGES):
            return response
        return super().process_response(request, response)


COMPRESSED_TYPES = ("image/", "video/", "audio/", "application/zip", "application/gzip")
TEXT_IMAGES = ("image/svg+xml",)


class MediaVaryMiddleware:
    """Uploaded files are the same in every language: no ``Vary: Accept-Language`` on them
    (``LocaleMiddleware`` adds it to every answer outside ``/en/`` and ``/fr/``), so that
    browsers and CDNs keep one copy; and a public file is the same for every visitor: no
    ``Vary: Cookie`` either (an editor's preview of a draft's file stays ``private``). Placed
    before ``LocaleMiddleware`` and ``SessionMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.MEDIA_URL.strip("/") + "/"

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix) and response.has_header("Vary"):
            dropped = {"accept-language"}
            if "public" in response.get("Cache-Control", ""):
                dropped.add("cookie")
            kept = [
                header.strip()
                for header in response["Vary"].split(",")
                if header.strip().lower() not in dropped
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response


class OpenDataCorsMiddleware:
    """CORS for the open data (``settings.CORS_PATHS``: the API, IIIF): any site may read it
    from a browser, with the headers re-users need (``ETag`` to revalidate, ``Retry-After``
    when limited). Read-only: a preflight allows ``GET`` and ``HEAD`` and nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(settings.CORS_PATHS):
            return self.get_response(request)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = CORS_REQUEST_HEADERS
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
            response["Access-Control-Expose-Headers"] = CORS_EXPOSED_HEADERS
        response["Access-Control-Allow-Origin"] = "*"
        return response


CORS_REQUEST_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
CORS_EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After, Link"
