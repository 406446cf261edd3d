"""Headers Django has no setting for: the visitor's address behind proxies, Permissions-Policy."""

from django.conf import settings


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
