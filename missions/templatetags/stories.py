"""Template helpers for the records missions are told with (``models/stories.py``)."""

from django import template

from missions.managers import public as public_record

register = template.Library()


@register.filter
def public(record):
    """``{% with agency=experiment.leading_agency|public %}``: the record if visitors may see
    it, else None (a draft agency or place is neither named nor linked)."""
    return public_record(record)
