"""The like's confirmation page: ``…/images/<slug>/like/`` (and videos, missions).

The record's own page is cached for every visitor, so it holds no form and sets no cookie: its
like control is a link here. This page is never cached. Its GET gives the visitor their signed
cookie (``likes.VISITOR_COOKIE``) and the CSRF token, in a form (without JavaScript) or as JSON
(``Accept: application/json``, for ``static/js/likes.js``). Its POST counts the like, once per
visitor, and answers with a redirect (303) to the record's page and a message, or with JSON.

A POST is counted only when all of these hold, in this order:

1. its CSRF token matches its CSRF cookie (``CsrfViewMiddleware``: 403 otherwise);
2. the address is under ``LIKE_RATE`` (every POST is counted against it: 429 over it);
3. the record is published (404 for a draft, even to an editor);
4. it carries a visitor cookie we signed; without one (never given, forged, expired) nothing is
   counted: the answer gives a new signed cookie and asks to confirm again (400);
5. this visitor has not liked the record yet (the database's unique constraint).
"""

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache

from . import likes
from .bilingual import localized
from .throttle import take


def count_text(count):
    return ngettext("%(counter)s like", "%(counter)s likes", count) % {"counter": count}


def thanks():
    return _("Thank you for liking")


def already():
    return _("You have already liked this page, you can only like it once!")


def too_many():
    return _("Too many likes from your address: please try again later.")


def no_visitor():
    return _(
        "Your browser did not send back the cookie that counts each like once: allow cookies "
        "for this site, then confirm again."
    )


def wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


class SeeOther(HttpResponseRedirect):
    status_code = 303  # after a POST, the page is fetched with GET


@method_decorator(never_cache, name="dispatch")
class LikeView(View):
    target = None  # a ``Like.Target`` value, given in ``urls.py``
    http_method_names = ["get", "post", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        patch_vary_headers(response, ("Accept",))
        return response

    def record(self, slug):
        return get_object_or_404(likes.published(self.target), slug=slug)

    def get(self, request, slug):
        record = self.record(slug)
        visitor = likes.visitor_of(request)
        fresh = visitor is None
        liked = not fresh and likes.has_liked(self.target, record, visitor)
        response = self.answer(request, record, liked=liked, message=already() if liked else "")
        if fresh:
            likes.give_visitor(response, likes.new_visitor())
        return response

    def post(self, request, slug):
        wait = take(request, "LIKE_RATE")
        record = self.record(slug)
        if wait is not None:
            response = self.answer(request, record, message=too_many(), status=429)
            response["Retry-After"] = str(wait)
            return response
        visitor = likes.visitor_of(request)
        if visitor is None:
            response = self.answer(request, record, message=no_visitor(), status=400)
            likes.give_visitor(response, likes.new_visitor())
            return response
        counted = likes.like(request, self.target, record, visitor)
        message = thanks() if counted else already()
        if wants_json(request):
            count = likes.count_of(self.target, record)
            return self.json(count, liked=True, counted=counted, message=message)
        (messages.success if counted else messages.info)(request, message)
        return SeeOther(record.get_absolute_url())

    def answer(self, request, record, *, liked=False, message="", status=200):
        """The confirmation page, or its JSON."""
        if wants_json(request):
            return self.json(
                record.like_count,
                liked=liked,
                message=message,
                status=status,
                csrf_token=get_token(request),
            )
        title = record.name if self.target == "mission" else localized(record, "title")
        context = {
            "record": record,
            "title": title,
            "page_title": _("Like “%(title)s”") % {"title": title},
            "record_url": record.get_absolute_url(),
            "liked": liked,
            "notice": message,
            "notice_is_error": status != 200,
        }
        return render(request, "missions/like_confirm.html", context, status=status)

    @staticmethod
    def json(count, *, liked, message, status=200, **more):
        data = {"count": count, "count_text": count_text(count), "liked": liked, "message": message}
        return JsonResponse({**data, **more}, status=status)
