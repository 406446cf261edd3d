"""Image cards and ``<picture>`` elements, written in Python.

A gallery page shows two dozen cards, each with a responsive picture of nine URLs. Written with
the template engine (an include, then a loop with tags and filters) they took more than half of
the page's time; here they are plain string building, with the standard library's ``escape``
(Django's own escape is the same function behind a lazy-string check on every call).
"""

from functools import lru_cache
from html import escape

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .bilingual import active_language, localized, shown_title
from .search.snippets import snippet

GRID_SIZES = (
    "(min-width: 1200px) 280px, (min-width: 1000px) calc((100vw - 5rem) / 4), "
    "(min-width: 600px) calc((100vw - 4rem) / 3), calc((100vw - 3rem) / 2)"
)


def _srcset(files):
    """``url 320w, url 640w`` without repeating a width (small originals stop growing)."""
    seen, parts = set(), []
    for width, url in files:
        if width not in seen:
            seen.add(width)
            parts.append(f"{escape(url)} {width}w")
    return ", ".join(parts)


def _lang(text, language):
    """`` lang="fr"`` when ``text`` fell back to the other language, else nothing."""
    return f' lang="{text.lang}"' if text.lang != language else ""


def focal_style(image):
    """`` style="object-position: 50% 20%"`` for an image with a focal point, else nothing.

    The renditions are made once, when the image is saved, and are never cropped: every crop
    (cards, portraits, timeline thumbnails) is the browser's, by the stylesheet's
    ``object-fit: cover``. ``object-position`` tells it which part of the picture to keep, so
    the focal point is kept in view at every size and every shape, without a rendition per
    crop. The two fields are among ``CARD_FIELDS`` and come with the portraits'
    ``select_related``: reading them costs no query.
    """
    x, y = image.focal_x, image.focal_y
    if x is None or y is None:
        return ""
    return f' style="object-position: {round(x * 100, 1):g}% {round(y * 100, 1):g}%"'


def picture(image, sizes="100vw", eager=False, css_class="", max_height="", cropped=False):
    """A ``<picture>`` with WebP and JPEG ``srcset``s, intrinsic size and lazy loading.

    The files were made, and their names stored, when the image was saved; this only writes
    their URLs. ``sizes`` says how wide the layout shows the picture, so that the browser
    downloads the smallest rendition that is sharp. ``max_height`` (a CSS length, when the
    stylesheet also caps the picture's height and ``sizes`` is a single length) narrows
    ``sizes`` by the image's own proportions: a portrait photo capped at 82vh is shown, and
    downloaded, narrower than a landscape one. ``eager`` is for the image a visitor sees first
    (above the fold): it loads at once. The alt text is marked with its language when it fell
    back to the other one. ``cropped``: the stylesheet crops the picture to a shape of its
    own (``object-fit: cover``), which then keeps the image's focal point (``focal_style``).
    """
    if max_height and image.width and image.height:
        sizes = f"min({sizes}, {max_height} * {image.width / image.height:.4f})"
    sets = image.rendition_sets()
    alt = localized(image, "alt", "caption")
    sizes = escape(sizes)
    css = f' class="{escape(css_class)}"' if css_class else ""
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    focus = focal_style(image) if cropped else ""
    return mark_safe(
        f'<picture{css}>\n  <source type="image/webp" srcset="{_srcset(sets["webp"])}" '
        f'sizes="{sizes}">\n  <img src="{escape(sets["jpeg"][0][1])}" '
        f'srcset="{_srcset(sets["jpeg"])}" sizes="{sizes}" width="{image.width}" '
        f'height="{image.height}" alt="{escape(alt)}"{_lang(alt, active_language())} '
        f'{loading} decoding="async"{focus}>\n</picture>'
    )


@lru_cache(maxsize=4096)
def _local_date(day, language):
    """A date in ``language``'s format (the active one: it is part of the key)."""
    return date_format(day, "DATE_FORMAT")


def image_grid(images, query=None):
    """The cards of ``images`` (public ones, their missions selected), the first loaded at once;
    with a search ``query`` (``SearchQuery``), each with a snippet of where it matched."""
    language = active_language()
    # One reverse() for the page: every image URL differs only by its slug.
    url = reverse("missions:image", kwargs={"slug": "slug"}).rpartition("slug")
    cards = []
    for number, image in enumerate(images):
        title = shown_title(image)
        meta = [escape(image.mission.name)] if image.mission_id else []
        if image.is_illustration:
            meta.insert(0, illustration_mark())
        if image.date_taken:
            meta.append(
                f'<time datetime="{image.date_taken:%Y-%m-%d}">'
                f"{_local_date(image.date_taken, language)}</time>"
            )
        found = snippet(image, query, language) if query else None
        found = f'\n  <p class="card-snippet"{_lang(found, language)}>{found}</p>' if found else ""
        cards.append(
            f'<li class="card">\n  <a href="{url[0]}{image.slug}{url[2]}">\n    '
            f"{picture(image, GRID_SIZES, eager=number == 0, cropped=True)}\n    "
            f'<span class="card-title"{_lang(title, language)}>{escape(title)}</span>\n  </a>\n'
            f'  <span class="card-meta">{" · ".join(meta)}</span>{found}\n</li>'
        )
    return mark_safe(f'<ul class="grid" role="list">\n  {"".join(cards)}\n</ul>')


def illustration_mark():
    """The small mark of a drawing or an artist's view, wherever such an image is shown."""
    return f'<span class="illustration-mark">{escape(_("Illustration"))}</span>'


def video_grid(videos):
    """The cards of ``videos`` (public ones, their missions selected): the poster with a play
    badge giving the length, the title, the mission and the footage type."""
    language = active_language()
    cards = []
    for video in videos:
        title = localized(video, "title")
        poster = video.renditions.get("poster", {})
        storage = video.file.storage
        length = clock(video.duration)
        meta = [escape(video.mission.name)] if video.mission_id else []
        meta.append(escape(video.get_footage_type_display()))
        cards.append(
            f'<li class="card card-video">\n  <a href="{escape(video.get_absolute_url())}">\n'
            f'    <span class="card-poster"><picture>'
            f'<source type="image/webp" srcset="{escape(storage.url(poster["webp"]))}">'
            f'<img src="{escape(storage.url(poster["jpeg"]))}" width="{poster["width"]}" '
            f'height="{poster["height"]}" alt="" loading="lazy" decoding="async"></picture>'
            f'<span class="play-badge"><span aria-hidden="true">▶</span> {length}'
            f'<span class="visually-hidden"> {escape(_("video"))}</span></span></span>\n'
            f'    <span class="card-title"{_lang(title, language)}>{escape(title)}</span>\n  </a>\n'
            f'  <span class="card-meta">{" · ".join(meta)}</span>\n</li>'
        )
    return mark_safe(f'<ul class="grid" role="list">\n  {"".join(cards)}\n</ul>')


def clock(seconds):
    """``0:42``, ``12:05``, ``1:02:09``: a length as video players show it."""
    whole = round(seconds or 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
