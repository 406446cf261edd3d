"""Cursors: where the next page of a list starts, as an opaque token.

A page number moves when the archive changes (an image published at the top shifts every page
by one, so a client walking the list sees an image twice or never). A cursor says "after this
record" instead: it holds the values of the list's order (a date, then the id) of the last
record given, and the next page is the records after them, read along the same index as the
first page (no ``OFFSET``, so page 4,000 costs what page 1 does).

Orders put missing values (an undated image) last in both directions, as the gallery does.
A search by relevance has no such key; its cursor is a position (``Offset``).
"""

import base64
import binascii
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F, Q

BAD_CURSOR = "This cursor is not one of this list's: start again from the first page."


class CursorError(ValueError):
    pass


@dataclass(frozen=True)
class Order:
    """A list's order: ``(field, descending)`` pairs, the last one unique (the id)."""

    name: str
    keys: tuple

    def order_by(self):
        return [
            F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
            for field, descending in self.keys
        ]

    def values_of(self, record):
        return [getattr(record, field) for field, _ in self.keys]

    def after(self, queryset, values):
        """The records of ``queryset`` that come after ``values`` in this order."""
        condition = Q(pk__in=[])
        equal = Q()
        for (field, descending), value in zip(self.keys, values, strict=True):
            if value is None:  # missing values come last: only other missing ones follow
                step = Q(pk__in=[])
                same = Q(**{f"{field}__isnull": True})
            else:
                step = Q(**{f"{field}__{'lt' if descending else 'gt'}": value})
                if queryset.model._meta.get_field(field).null:
                    step |= Q(**{f"{field}__isnull": True})
                same = Q(**{field: value})
            condition |= equal & step
            equal &= same
        return queryset.filter(condition)

    def encode(self, record):
        model_values = [_plain(value) for value in self.values_of(record)]
        return _token({"o": self.name, "k": model_values})

    def decode(self, token, model):
        """The values a cursor of this order holds, as the model's fields read them."""
        data = _untoken(token)
        values = data.get("k")
        if data.get("o") != self.name or not isinstance(values, list):
            raise CursorError(BAD_CURSOR)
        if len(values) != len(self.keys):
            raise CursorError(BAD_CURSOR)
        try:
            return [
                None if value is None else model._meta.get_field(field).to_python(value)
                for (field, _), value in zip(self.keys, values, strict=True)
            ]
        except (ValidationError, TypeError, ValueError, OverflowError) as error:
            raise CursorError(BAD_CURSOR) from error


# No search has more results than this (and a larger OFFSET overflows the databases' integers).
MAX_POSITION = 10**9


class Offset:
    """A position in a list that has no key to start after (a search by relevance)."""

    name = "relevance"

    @staticmethod
    def encode(position):
        return _token({"o": "relevance", "n": position})

    @staticmethod
    def decode(token):
        data = _untoken(token)
        position = data.get("n")
        valid = (
            isinstance(position, int)
            and not isinstance(position, bool)
            and 0 <= position <= MAX_POSITION
        )
        if data.get("o") != "relevance" or not valid:
            raise CursorError(BAD_CURSOR)
        return position


def _plain(value):
    if value is None or isinstance(value, int | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _token(data):
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _untoken(token):
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError) as error:
        raise CursorError(BAD_CURSOR) from error
    if not isinstance(data, dict):
        raise CursorError(BAD_CURSOR)
    return data
