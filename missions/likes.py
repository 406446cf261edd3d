"""Likes: a visitor without an account likes a published image, video or mission, once.

The visitor is a random id in a signed cookie (``VISITOR_COOKIE``, HttpOnly, SameSite=Lax),
given by the confirmation page (``like_views``) before any like is counted; the database holds
only a keyed hash of it (``Like.visitor``). A like is a ``Like`` row and ``like_count + 1`` on
the record, in one transaction: the row's unique constraint refuses the same visitor twice, and
a refused row adds nothing. Likes never renew the content version (``caching.CHANGES``): once
the like is committed, only the cached pages that show the count, the record's own page in each
language and its API answer, are forgotten (``caching.forget_pages``).
"""

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils.crypto import salted_hmac

from .bilingual import pages
from .caching import forget_pages
from .models import ImageCaption, Like, Mission, Video

VISITOR_COOKIE = "visitor"
VISITOR_SALT = "missions.likes.visitor"
VISITOR_SECONDS = 2 * 365 * 24 * 60 * 60  # long-lived: a like is counted once per browser

# What can be liked: the ``Like.target`` value, its model and its page's URL name.
TARGETS = {
    Like.Target.IMAGE: ImageCaption,
    Like.Target.VIDEO: Video,
    Like.Target.MISSION: Mission,
}


def published(target):
    """The records of ``target`` a visitor may like: the published ones, whoever asks (an
    editor's preview of a draft is not likeable)."""
    model = TARGETS[target]
    return model.objects.published()


def visitor_of(request):
    """The visitor id of the request's signed cookie; ``None`` without one, or when it was not
    signed by us (forged, tampered, or expired)."""
    return request.get_signed_cookie(
        VISITOR_COOKIE, default=None, salt=VISITOR_SALT, max_age=VISITOR_SECONDS
    )


def new_visitor():
    return secrets.token_urlsafe(24)


def give_visitor(response, visitor):
    """Put ``visitor`` in the response's signed cookie (renewed at each answer that sets it)."""
    response.set_signed_cookie(
        VISITOR_COOKIE,
        visitor,
        salt=VISITOR_SALT,
        max_age=VISITOR_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def visitor_key(visitor):
    """What ``Like.visitor`` stores: a keyed hash (64 hex digits), never the id itself, so the
    table cannot be turned back into cookies."""
    return salted_hmac(VISITOR_SALT, visitor, algorithm="sha256").hexdigest()


def has_liked(target, record, visitor):
    return Like.objects.filter(
        target=target, object_id=record.pk, visitor=visitor_key(visitor)
    ).exists()


def like(request, target, record, visitor):
    """Count ``visitor``'s like of ``record``: ``True``, or ``False`` when already counted.

    The like and the count are one transaction; after the commit, the cached pages of the record
    (in every language, on this request's host) are forgotten, so the next visitor sees the new
    count while every other cached page is still served from the cache.
    """
    model = TARGETS[target]
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the refused row leaves the rest usable
                Like.objects.create(
                    target=target, object_id=record.pk, visitor=visitor_key(visitor)
                )
        except IntegrityError:  # the unique constraint: this visitor liked it already
            return False
        model.objects.filter(pk=record.pk).update(like_count=F("like_count") + 1)
        paths = pages_of(target, record)
        transaction.on_commit(lambda: forget_pages(request, paths))
    return True


def pages_of(target, record):
    """The record's page in each language and its API answer: what shows its count."""
    return [reverse(f"api:{target}", kwargs={"slug": record.slug}), *pages(record).values()]


def count_of(target, record):
    """The record's count as stored now (after a like, the value the database holds)."""
    model = TARGETS[target]
    return model.objects.filter(pk=record.pk).values_list("like_count", flat=True).first() or 0
