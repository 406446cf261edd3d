"""Versions of public records for editors (``models/revisions.py`` keeps them): a page as one
of its versions said it (or as an unsaved form has it: ``admin/page_preview.py``), and a
version set against the record as it is now."""

import difflib
from datetime import datetime

from django.db.models import Model
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from .links import record_id

VERSION_PARAMETER = "version"


def versioned_fields(model):
    """The fields a version of ``model`` holds (concrete ones, in the model's order)."""
    return model.history.model.tracked_fields


def copy_versioned(source, target):
    """Give ``target`` the values ``source`` (a version, or a record with a form's values) has
    for the fields a version holds."""
    for field in versioned_fields(type(target)):
        setattr(target, field.attname, getattr(source, field.attname))
    for field in target._meta.concrete_fields:  # cached related objects follow the new ids
        if field.is_relation and field.is_cached(target):
            field.delete_cached_value(target)


def as_of(obj, version_id):
    """``obj`` with the values of its version ``version_id`` (a 404 if it has none such): for
    an editor's preview of a public page. What versions do not hold (the file, counts) and
    what the record links to (crew, images, timeline) are shown as they are now."""
    if record_id(version_id) is None:
        raise Http404("No such version.")
    record = obj.history.filter(id=obj.pk, history_id=record_id(version_id)).first()
    if record is None:
        raise Http404("No such version.")
    copy_versioned(record, obj)
    meta = obj._meta
    record.history_page = reverse(
        f"admin:{meta.app_label}_{meta.model_name}_history", args=[obj.pk]
    )
    obj.previewed_version = record
    return obj


def shown(record, field):
    """A field's value in ``record`` as an editor reads it."""
    return readable(field, getattr(record, field.attname))


def readable(field, value):
    """``value`` of ``field`` as an editor reads it: a choice's label, a linked record's name
    (``value`` its id, or the record), yes or no, a time in the site's zone."""
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and not isinstance(value, Model):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, str):
        # A browser sends a textarea's lines ended by CR LF: the same words as before.
        return value.replace("\r\n", "\n")
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return str(formats.localize(value))


def differences(version, current):
    """``[(label, then, now, marked)]`` for each field where ``version`` (a version) and
    ``current`` (the record) differ; ``marked``: the two texts with what changed marked, word by
    word, as (``then``, ``now``) HTML."""
    rows = []
    for field in versioned_fields(type(current)):
        then, now = shown(version, field), shown(current, field)
        if then == now:
            continue
        rows.append((field.verbose_name, then, now, marked_words(then, now)))
    return rows


def marked_words(then, now, context=None):
    """The two texts, the words only one has in ``<del>`` (then) and ``<ins>`` (now); with
    ``context``, a run of unchanged words longer than that on each side is cut to ``…``."""
    old, new = then.split(" "), now.split(" ")
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same = _cut(old[i1:i2], context, first=i1 == 0, last=i2 == len(old))
            left.append(("{}", same))
            right.append(("{}", same))
            continue
        if i2 > i1:
            left.append(("<del>{}</del>", " ".join(old[i1:i2])))
        if j2 > j1:
            right.append(("<ins>{}</ins>", " ".join(new[j1:j2])))
    return _joined(left), _joined(right)


def _cut(words, context, first, last):
    """Unchanged ``words``, at most ``context`` of them next to each change."""
    if context is None or len(words) <= 2 * context:
        return " ".join(words)
    head = [] if first else words[:context]
    tail = [] if last else words[-context:]
    return " ".join([*head, "…", *tail])


def _joined(parts):
    return format_html_join(" ", "{}", ((format_html(template, text),) for template, text in parts))
