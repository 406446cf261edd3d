"""Presentation helpers: bilingual fields, responsive pictures, language links, query strings."""

from django import template
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language_info

from missions.bilingual import active_language, languages_in_order, localized

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
def in_language(obj, field, language):
    """``{% in_language image "caption" "fr" as caption_fr %}``: one language, no fallback."""
    return getattr(obj, f"{field}_{language}", "") or ""


@register.simple_tag
def languages_active_first():
    return [get_language_info(code) for code in languages_in_order()]


@register.simple_tag(takes_context=True)
def translated_url(context, language):
    """The current page (with its query string) in ``language``."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


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


def _srcset(files):
    """``url 320w, url 640w`` without repeating a width (small originals stop growing)."""
    seen, parts = set(), []
    for width, file in files:
        if width not in seen:
            seen.add(width)
            parts.append(f"{file.url} {width}w")
    return ", ".join(parts)


@register.inclusion_tag("includes/picture.html")
def picture(image, sizes="100vw", eager=False, css_class="", max_height=""):
    """A ``<picture>`` with WebP and JPEG ``srcset``s, intrinsic size and lazy loading.

    The files were made when the image was saved; this only writes their URLs. ``sizes`` says
    how wide the layout shows the picture, so that the browser downloads the smallest rendition
    that is sharp. ``max_height`` (a CSS length, when the stylesheet also caps the picture's
    height and ``sizes`` is a single length) narrows ``sizes`` by the image's own proportions:
    a portrait photo capped at 82vh is shown, and downloaded, narrower than a landscape one.
    ``eager`` is for the image a visitor sees first (above the fold): it loads at once.
    """
    if max_height and image.width and image.height:
        sizes = f"min({sizes}, {max_height} * {image.width / image.height:.4f})"
    sets = image.rendition_sets()
    return {
        "image": image,
        "webp_srcset": _srcset(sets["webp"]),
        "jpeg_srcset": _srcset(sets["jpeg"]),
        "fallback": sets["jpeg"][0][1].url,
        "sizes": sizes,
        "alt": localized(image, "alt", "caption"),
        "eager": eager,
        "css_class": css_class,
    }
