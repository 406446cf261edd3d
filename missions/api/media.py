"""``/images`` and ``/videos``: the gallery's filters, search and orders, in pages."""

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from ..bilingual import active_language
from ..facets import archive, searched_cells
from ..filters import GalleryFilter
from ..models import Astronaut, ImageCaption, Mission, Spacecraft, Video
from ..search import RankedImages, parse
from ..search.site import search_site
from . import describe
from .cursors import Order
from .paging import keyset_page, ranked_page
from .schemas import Error, ImageDetail, ImageList, VideoDetail, VideoList
from .service import described

router = Router(tags=["images and videos"])

IMAGE_ORDERS = {
    "newest": Order("newest", (("date_taken", True), ("id", True))),
    "oldest": Order("oldest", (("date_taken", False), ("id", False))),
    "added": Order("added", (("created_at", True), ("id", True))),
    "liked": Order("liked", (("like_count", True), ("id", True))),
}
VIDEO_ORDER = Order("videos", (("released_on", True), ("created_at", True), ("id", True)))
ERRORS = {400: Error, 429: Error}
# The video filters: what each names, and the field that holds it.
SHOWN = (
    ("mission", Mission, "mission_id"),
    ("astronaut", Astronaut, "astronauts"),
    ("spacecraft", Spacecraft, "spacecraft"),
)


SLUG_OR_EMPTY = r"^[-a-zA-Z0-9_]*$"  # an empty filter (a form's blank field) chooses nothing


class Paging(Schema):
    cursor: str | None = Field(
        None,
        pattern=r"^[-A-Za-z0-9_]*$",
        max_length=1000,  # ours are far shorter; a deeply nested one is refused unread
        description="From the previous page's `next`.",
    )
    limit: int = Field(24, ge=1, le=100, description="How many records a page holds.")


class ImageFilters(Paging):
    q: str | None = Field(None, max_length=500, description="Words, in English or French.")
    mission: str | None = Field(None, pattern=SLUG_OR_EMPTY, description="A mission's slug.")
    photographer: str | None = Field(
        None, pattern=SLUG_OR_EMPTY, description="An astronaut's slug."
    )
    spacecraft: str | None = Field(
        None, pattern=SLUG_OR_EMPTY, description="A spacecraft's slug (shown)."
    )
    year: int | None = Field(None, ge=1957, le=2200, description="The year it was taken.")
    sort: Literal["relevance", "newest", "oldest", "added", "liked"] | None = Field(
        None, description="Default: by relevance with `q`, else newest photos first."
    )


class VideoFilters(Paging):
    q: str | None = Field(None, max_length=500, description="Words, in English or French.")
    mission: str | None = Field(None, pattern=SLUG_OR_EMPTY, description="A mission's slug.")
    astronaut: str | None = Field(
        None, pattern=SLUG_OR_EMPTY, description="An astronaut's slug (shown)."
    )
    spacecraft: str | None = Field(
        None, pattern=SLUG_OR_EMPTY, description="A spacecraft's slug (shown)."
    )
    year: int | None = Field(None, ge=1957, le=2200, description="The year it was released.")


@router.get("/images", response={200: ImageList, **ERRORS}, url_name="images")
def list_images(request, filters: Query[ImageFilters]):
    """Published images, filtered and searched as in the gallery, newest first."""
    chosen = filters.dict(exclude={"cursor", "limit"}, exclude_none=True)
    counts = archive()
    filterset = GalleryFilter(
        {name: str(value) for name, value in chosen.items()},
        queryset=ImageCaption.objects.published().for_cards(),
        directory=counts.directory,
    )
    if not filterset.is_valid():
        return Status(400, {"detail": _problems(filterset.form.errors)})
    images = filterset.qs
    query = filterset.search_query
    cells = searched_cells(query, filterset.searched) if query.terms else counts.cells
    if isinstance(images, RankedImages):
        rows = ImageCaption.objects.for_cards()
        records, following = ranked_page(request, images, rows, filters.cursor, filters.limit)
    else:
        order = IMAGE_ORDERS[filters.sort if filters.sort in IMAGE_ORDERS else "newest"]
        records, following = keyset_page(request, images, order, filters.cursor, filters.limit)
    return {
        "count": filterset.selection().total(cells),
        "next": following,
        "results": [describe.image_card(request, image) for image in records],
    }


@router.get("/images/{slug}", response={200: ImageDetail, 404: Error, 429: Error}, url_name="image")
def image(request, slug: str):
    """One published image: its texts, licence, credit, original and every rendition."""
    return described(
        request, ImageCaption.objects.published().for_page(), slug, describe.image_detail
    )


@router.get("/videos", response={200: VideoList, **ERRORS}, url_name="videos")
def list_videos(request, filters: Query[VideoFilters]):
    """Published videos, newest first, filtered and searched as in the gallery."""
    videos = Video.objects.published().for_cards()
    for name, model, field in SHOWN:
        slug = getattr(filters, name)
        if not slug:
            continue
        pk = model.objects.published().filter(slug=slug).values_list("pk", flat=True).first()
        if pk is None:
            message = _("There is nothing called “%(value)s” here.") % {"value": slug}
            return Status(400, {"detail": message})
        videos = videos.filter(**{field: pk})
    if filters.year is not None:
        videos = videos.filter(released_on__year=filters.year)
    if filters.q:
        hits = search_site(parse(filters.q), active_language(), kinds=("videos",))["videos"]
        videos = videos.filter(pk__in=[hit.record.pk for hit in hits])
    records, following = keyset_page(request, videos, VIDEO_ORDER, filters.cursor, filters.limit)
    return {
        "count": videos.count(),
        "next": following,
        "results": [describe.video_card(request, video) for video in records],
    }


@router.get("/videos/{slug}", response={200: VideoDetail, 404: Error, 429: Error}, url_name="video")
def video(request, slug: str):
    """One published video: its texts, licence, credit, MP4 files and subtitles."""
    return described(request, Video.objects.published().for_page(), slug, describe.video_detail)


def _problems(errors):
    return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
