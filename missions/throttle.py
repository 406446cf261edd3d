"""How many costly answers one client may have: a rate per address, counted in the cache.

The API's worked-out answers (``API_ANON_RATE``) and the IIIF images Pillow has to make
(``IIIF_RATE``) are counted, each on its own; what the caches answer costs nothing and is not
counted, so a viewer paging through images already seen is never refused. The count is per
visitor address
(``esa_archive.headers.client_address``, which knows the trusted proxies) in fixed windows of
the rate's period, kept in the cache every server process shares. Editors who are logged in
are not limited.
"""

import math
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from esa_archive.headers import client_address

PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
RATE = re.compile(r"\s*(\d+)\s*/\s*([smhd])\s*")


def parse_rate(setting):
    """The setting ``setting`` (``"120/m"``) as ``(120, 60)``; empty is ``None`` (no limit)."""
    text = getattr(settings, setting)
    if not text or not text.strip():
        return None
    match = RATE.fullmatch(text)
    if not match:
        raise ImproperlyConfigured(
            f"{setting} is {text!r}: write a count and a period, as 120/m (s, m, h or d)."
        )
    return int(match.group(1)), PERIODS[match.group(2)]


def take(request, setting):
    """Count one answer for this client at the rate ``setting`` names; ``None`` if allowed,
    else the seconds to wait."""
    rate = parse_rate(setting)
    if rate is None:
        return None
    limit, period = rate
    now = time.time()
    window = int(now // period)
    key = f"rate:{setting}:{client_address(request)}:{window}"
    cache.add(key, 0, period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between the two calls
        cache.set(key, 1, period + 1)
        count = 1
    if count <= limit or _is_editor(request):
        return None
    return max(1, math.ceil((window + 1) * period - now))


def _is_editor(request):
    """Read only when the limit is reached: reading the session adds ``Vary: Cookie``."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)
