"""Presentation helpers: bilingual fields, responsive pictures, language links, query strings."""

from django import template
from django.urls import translate_url
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
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
def facet_options(facet):
    """A facet's ``<option>``s, written here: the gallery offers hundreds of choices, and
    looping over them in the template took most of the page's time."""
    selected = mark_safe(" selected")
    return format_html_join(
        "",
        '<option value="{}"{}>{} ({})</option>',
        (
            (choice.value, selected if choice.selected else "", choice.label, choice.count)
            for choice in facet.choices
        ),
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
    for width, url in files:
        if width not in seen:
            seen.add(width)
            parts.append(f"{url} {width}w")
    return ", ".join(parts)


@register.simple_tag
def picture(image, sizes="100vw", eager=False, css_class="", max_height=""):
    """A ``<picture>`` with WebP and JPEG ``srcset``s, intrinsic size and lazy loading.

    The files were made, and their names stored, when the image was saved; this only writes
    their URLs (in Python: a gallery page has two dozen of them). ``sizes`` says how wide the
    layout shows the picture, so that the browser downloads the smallest rendition that is
    sharp. ``max_height`` (a CSS length, when the stylesheet also caps the picture's height and
    ``sizes`` is a single length) narrows ``sizes`` by the image's own proportions: a portrait
    photo capped at 82vh is shown, and downloaded, narrower than a landscape one. ``eager`` is
    for the image a visitor sees first (above the fold): it loads at once. The alt text is
    marked with its language when it fell back to the other one.
    """
    if max_height and image.width and image.height:
        sizes = f"min({sizes}, {max_height} * {image.width / image.height:.4f})"
    sets = image.rendition_sets()
    alt = localized(image, "alt", "caption")
    return format_html(
        '<picture{}>\n  <source type="image/webp" srcset="{}" sizes="{}">\n'
        '  <img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} {} '
        'decoding="async">\n</picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        _srcset(sets["webp"]),
        sizes,
        sets["jpeg"][0][1],
        _srcset(sets["jpeg"]),
        sizes,
        image.width,
        image.height,
        alt,
        format_html(' lang="{}"', alt.lang) if alt.lang != active_language() else "",
        mark_safe('fetchpriority="high"' if eager else 'loading="lazy"'),
    )
