"""Revisions: every save of a public record keeps a version of it, with who saved it and when
(django-simple-history: a table of versions per model, written by a signal after each save, so
the worker's scheduled publishing and the caption desk are recorded as the admin's forms are).

A version holds what editors write and choose. It does not hold what the machine works out or
counts (a file's size and renditions, a video's processing, likes, the demo markers): those stay
as they are when an older version is restored, as does the file itself, which a version names
but which may since have been replaced and removed (``admin/revisions.py``).
"""

from simple_history.models import HistoricalRecords

MACHINE_FIELDS = ("is_demo", "is_synthetic", "created_at", "updated_at")


def revisions(*not_versioned):
    """The ``history`` of a public model; ``not_versioned``: its own fields versions skip."""
    return HistoricalRecords(excluded_fields=[*MACHINE_FIELDS, *not_versioned])
