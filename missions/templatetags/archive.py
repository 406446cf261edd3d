"""Presentation helpers: bilingual fields, responsive pictures, language links, query strings."""

from decimal import Decimal
from html import escape

from django import template
from django.http import QueryDict
from django.urls import translate_url
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from missions import cards, links, structured
from missions.bilingual import active_language, languages_in_order, localized, shown_title

register = template.Library()


@register.filter(name="localized")
def localized_filter(obj, field):
    """``{{ mission|localized:"summary" }}``: the active language's text, else the other's."""
    return localized(obj, field)


@register.simple_tag
def tr(obj, field):
    """``{% tr image "title" %}``: the localized text, in a ``<span lang>`` when it fell back."""
    text = localized(obj, field)
    if text.lang != active_language():
        return format_html('<span lang="{}">{}</span>', text.lang, text)
    return text


@register.simple_tag
def image_title(image):
    """``{% image_title image %}``: as ``tr``, for an image's title; one saved without a title
    shows its caption's first words (``bilingual.shown_title``)."""
    text = shown_title(image)
    if text.lang != active_language():
        return format_html('<span lang="{}">{}</span>', text.lang, text)
    return text


@register.filter(name="shown_title")
def shown_title_filter(image):
    """``{{ image|shown_title }}``: an image's title, or its caption's first words."""
    return shown_title(image)


@register.simple_tag
def illustration_mark(image):
    """``{% illustration_mark image %}``: "Illustration" beside a drawing or an artist's view."""
    return mark_safe(cards.illustration_mark()) if image.is_illustration else ""


@register.simple_tag
def facet_options(facet):
    """A facet's ``<option>``s, written here: the gallery offers hundreds of choices, and
    looping over them in the template took most of the page's time."""
    return mark_safe(
        "".join(
            f'<option value="{escape(choice.value)}"{" selected" if choice.selected else ""}>'
            f"{escape(choice.label)} ({choice.count})</option>"
            for choice in facet.choices
        )
    )


@register.filter
def rendition_url(image, field):
    """``{{ image|rendition_url:"jpeg_1280" }}``: one rendition's URL."""
    return image.rendition_url(field)


@register.simple_tag
def in_language(obj, field, language):
    """``{% in_language image "caption" "fr" as caption_fr %}``: one language, no fallback."""
    return getattr(obj, f"{field}_{language}", "") or ""


@register.simple_tag
def languages_active_first():
    return [get_language_info(code) for code in languages_in_order()]


@register.simple_tag(takes_context=True)
def translated_url(context, language):
    """The current page (its canonical address, with the query string) in ``language``."""
    if context.get("request") is None:
        return f"/{language}/"
    return translate_url(canonical_path(context), language)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` on our own site as an absolute URL (see :mod:`missions.links`)."""
    request = context.get("request")
    return links.absolute(request, url) if request else url


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (``None`` or "" removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return f"?{query.urlencode()}" if query else "?"


@register.simple_tag
def picture(image, sizes="100vw", eager=False, css_class="", max_height="", cropped=False):
    """``{% picture image sizes="…" %}``: see :func:`missions.cards.picture` (``cropped=True``
    where the stylesheet crops it: the crop keeps the image's focal point)."""
    return cards.picture(image, sizes, eager, css_class, max_height, cropped)


@register.simple_tag
def image_grid(images, query=None):
    """``{% image_grid images %}``: the cards of ``images`` (see :mod:`missions.cards`); with
    ``query`` (a search), each with a snippet of where it matched."""
    return cards.image_grid(images, query)


@register.filter
def minutes(duration):
    """``{{ cooloff|minutes }}``: a ``timedelta`` in whole minutes (at least 1)."""
    return max(1, round(duration.total_seconds() / 60)) if duration else 0


@register.filter
def duration(seconds):
    """``{{ video.duration|duration }}``: see :func:`missions.cards.clock`."""
    return cards.clock(seconds)


@register.filter
def iso_duration(seconds):
    """``PT1M5S``: a duration as schema.org and sitemaps want it."""
    whole = round(seconds or 0)
    return f"PT{whole // 60}M{whole % 60}S" if whole >= 60 else f"PT{whole}S"


@register.simple_tag
def video_grid(videos):
    """``{% video_grid videos %}``: the cards of ``videos`` (see :mod:`missions.cards`)."""
    return cards.video_grid(videos)


@register.filter
def poster(video, image_format):
    """``{{ video|poster:"jpeg" }}``: the URL of its poster frame in that format."""
    return video.poster_url(image_format)


@register.filter
def plain_number(value):
    """``{{ 0.500|plain_number }}``: a decimal without its trailing zeros, in the page's
    language (``0.5``, ``0,5``, ``12.5``, ``6``)."""
    if value is None:
        return ""
    normal = Decimal(value).normalize()
    if normal == normal.to_integral_value():
        normal = normal.quantize(Decimal(1))  # 60, not 6E+1
    return number_format(normal, use_l10n=True)


@register.simple_tag(takes_context=True)
def canonical_path(context):
    """This page's own address, which its canonical link, ``og:url`` and language alternates
    all give: its path, and the query string that makes it what it is (filters, a page after
    the first), without empty values or ``page=1``, in a stable order."""
    request = context.get("request")
    if request is None:
        return "/"
    query = QueryDict(mutable=True)
    for key in sorted(request.GET):
        values = [value for value in request.GET.getlist(key) if value]
        if key == "page" and values == ["1"]:
            continue
        if values:
            query.setlist(key, values)
    return links.local_path(request.path) + (f"?{query.urlencode()}" if query else "")


@register.simple_tag(takes_context=True)
def robots(context):
    """``noindex,follow`` for a filtered or searched list: its combinations are endless and
    near copies of each other; search engines should index the records themselves, which they
    still reach through it. The pages of an unfiltered list stay indexable."""
    request = context.get("request")
    if request is None:
        return ""
    filtered = any(
        value for key in request.GET if key != "page" for value in request.GET.getlist(key)
    )
    return "noindex,follow" if filtered else ""


@register.simple_tag(takes_context=True)
def json_ld(context, record):
    """``{% json_ld image %}``: the record's schema.org description (``structured.py``)."""
    return mark_safe(structured.json_ld(context["request"], record))


@register.filter
def rendition_size(image, field):
    """``{{ image|rendition_size:"jpeg_1280" }}``: ``(width, height)`` of that rendition."""
    return image.rendition_size(field)
