"""Scheduled publishing: what editors set in "publish at" and "unpublish at", carried out by the
worker at the minute (``tasks.publish_scheduled``, queued once a minute by ``manage.py worker``).

Each record is published or unpublished by ``save()``, as an editor's save would: the signals
renew the page cache's version and recount the gallery. The field carried out is cleared. A
record that cannot go public yet (an image without a caption, a video not processed yet) stays a
draft and keeps its "publish at": it is tried again every minute, and the admin's list shows it
as overdue, with the reason.

Finding what is due is one query per publishable model (the images' is served by their partial
indexes on ``publish_at`` and ``unpublish_at``); a minute with nothing due costs nothing more.
Each due record is then read again, locked, in a transaction of its own: two runs at once (two
workers, a run queued twice) never publish the same record twice.
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from .models import Publishable, Video

logger = logging.getLogger(__name__)

# How long after its time a draft still waiting to be published is simply "due": after that the
# admin calls it overdue (the worker would have published it).
GRACE = timedelta(minutes=2)
# The reason a version saved by the worker gives (the history shows "the schedule" as its author).
SCHEDULE = "schedule"


def scheduled_models():
    """Every model with "publish at" and "unpublish at"."""
    return [
        model
        for model in apps.get_app_config("missions").get_models()
        if issubclass(model, Publishable)
    ]


def due(now):
    return Q(publish_at__lte=now) | Q(unpublish_at__lte=now)


def why_not_publishable(record, constraints=True):
    """Why ``record`` may not go public as it is, or ``None``: its model's rules (``clean()``
    and constraints, as for a publish from its form) and, for a video, its processing.
    ``constraints=False``: ``clean()`` alone, which asks the database nothing (a list's rows;
    the constraints repeat its rules for the database)."""
    if isinstance(record, Video) and record.state != Video.State.READY:
        if record.state == Video.State.FAILED:
            return gettext("Its processing failed: %(reason)s") % {"reason": record.failure}
        return gettext("The video is not processed yet.")
    was_published = record.is_published
    record.is_published = True
    try:
        record.clean()
        if constraints:
            record.validate_constraints()
    except ValidationError as error:
        return " ".join(error.messages)
    finally:
        record.is_published = was_published
    return None


def carry_out(now=None):
    """Publish every draft whose "publish at" has come and unpublish every published record
    whose "unpublish at" has; returns ``{"published": n, "unpublished": n, "waiting": n}``."""
    now = now or timezone.now()
    report = {"published": 0, "unpublished": 0, "waiting": 0}
    for model in scheduled_models():
        pks = list(model.objects.filter(due(now)).order_by().values_list("pk", flat=True))
        for pk in pks:
            try:
                outcome = _carry_out_one(model, pk, now)
            except DatabaseError:
                # The database's own rules refused it (a constraint the checks above missed):
                # nothing was written; tried again next minute.
                logger.exception("Scheduled change of %s %s failed", model.__name__, pk)
                outcome = "waiting"
            if outcome:
                report[outcome] += 1
    return report


def _carry_out_one(model, pk, now):
    with transaction.atomic():
        # Read again, locked: another run may have done it meanwhile, or an editor changed it.
        record = model.objects.select_for_update().filter(due(now), pk=pk).order_by().first()
        if record is None:
            return None
        publish_due = record.publish_at is not None and record.publish_at <= now
        unpublish_due = record.unpublish_at is not None and record.unpublish_at <= now
        # Both due (the worker was stopped): the later of the two is what holds now.
        publish = publish_due and not (unpublish_due and record.unpublish_at >= record.publish_at)
        cleared = {}
        if unpublish_due:
            cleared["unpublish_at"] = None
        if publish_due and not publish:  # its time to be public is over already
            cleared["publish_at"] = None
        if publish and not record.is_published:
            reason = why_not_publishable(record)
            if reason:
                logger.warning(
                    "%s %s (%s) is due to be published but stays a draft: %s",
                    model.__name__,
                    pk,
                    record,
                    reason,
                )
                _clear(record, cleared)  # "publish at" is kept: tried again next minute
                return "waiting"
            record.is_published = True
            record.publish_at = None
            for field, value in cleared.items():
                setattr(record, field, value)
            record._change_reason = SCHEDULE  # its version says the schedule did it
            record.save()  # the signals renew the cached pages and recount the gallery
            logger.info("Published %s %s (%s) as scheduled", model.__name__, pk, record)
            return "published"
        if publish:  # published already (by hand): nothing left to do
            cleared["publish_at"] = None
        if unpublish_due and not publish and record.is_published:
            record.is_published = False
            for field, value in cleared.items():
                setattr(record, field, value)
            record._change_reason = SCHEDULE
            record.save()
            logger.info("Unpublished %s %s (%s) as scheduled", model.__name__, pk, record)
            return "unpublished"
        _clear(record, cleared)
        return None


def _clear(record, fields):
    """Clear times that change nothing visitors see: no signal, the cached pages stay."""
    if fields:
        type(record).objects.filter(pk=record.pk).update(**fields)


def next_action(record, now=None):
    """``("publish" | "unpublish" | "overdue", when or reason)`` for the admin's lists, or
    ``None`` when nothing is scheduled."""
    now = now or timezone.now()
    if not record.is_published and record.publish_at:
        if record.publish_at <= now - GRACE:
            reason = why_not_publishable(record, constraints=False) or gettext(
                "The worker has not published it: is it running?"
            )
            return ("overdue", reason)
        return ("publish", record.publish_at)
    if record.is_published and record.unpublish_at:
        return ("unpublish", record.unpublish_at)
    return None
