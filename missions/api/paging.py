"""A list's page: the records after the cursor, and the address of the next page."""

from .. import links
from .cursors import Offset


def next_url(request, token):
    """This request's address with ``cursor=token`` (the other parameters kept, in order)."""
    params = request.GET.copy()
    params["cursor"] = token
    return links.absolute(request, f"{request.path}?{params.urlencode()}")


def keyset_page(request, queryset, order, cursor, limit):
    """``(records, next page's address)``: the ``limit`` records after ``cursor`` in ``order``."""
    if cursor:
        queryset = order.after(queryset, order.decode(cursor, queryset.model))
    rows = list(queryset.order_by(*order.order_by())[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, next_url(request, order.encode(rows[-1]))


def ranked_page(request, ranked, rows, cursor, limit):
    """The same for a search by relevance (``search.RankedImages``), whose cursor is a position:
    its order has no key to start after. ``rows`` is the query set the records are read from."""
    start = Offset.decode(cursor) if cursor else 0
    ids = ranked.ids(start, limit + 1)
    found = rows.in_bulk(ids[:limit])
    records = [found[pk] for pk in ids[:limit] if pk in found]
    more = len(ids) > limit
    return records, next_url(request, Offset.encode(start + limit)) if more else None
