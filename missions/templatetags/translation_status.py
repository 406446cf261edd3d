"""``{% translation_status_rows as rows %}``: the admin index's counts of texts to translate
(``missions/admin/translation_status.py``)."""

from django import template

from ..admin.translation_status import index_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_status_rows(context):
    return index_rows(context["request"])
