"""Thin public views: each picks a manager query set and hands it to a template.

Drafts are 404 for visitors; an editor who may view a model sees its drafts (with a banner), so
the admin's "view on site" works as a preview.
"""

from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.generic import DetailView, ListView, TemplateView

from .bilingual import active_language
from .facets import Selection, archive, facets, searched_cells
from .filters import SORTS, GalleryFilter
from .models import Astronaut, ImageCaption, Mission, Spacecraft
from .public_videos import public_videos
from .revisions import VERSION_PARAMETER, as_of
from .search import RankedImages, by_relevance, parse
from .search.site import search_site

PAGE_SIZE = 24
RELATED_IMAGES = 12


def can_preview(request, model):
    user = request.user
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    )


class ForgivingPaginationMixin:
    """A page number that is not a number or past the end shows the nearest page and says so."""

    paginate_by = PAGE_SIZE
    result_count = None  # known in advance (the gallery's counts): no COUNT query

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        if self.result_count is not None:
            paginator.count = self.result_count  # a cached_property: this replaces the query
        requested = self.request.GET.get("page") or 1
        try:
            page = paginator.page(requested)
        except InvalidPage:
            page = paginator.get_page(requested)
            messages.warning(
                self.request,
                _("There is no page “%(requested)s”; here is page %(page)s of %(count)s.")
                % {"requested": requested, "page": page.number, "count": paginator.num_pages},
            )
        page.object_list = list(page.object_list)  # read once, however often the page uses it
        return paginator, page, page.object_list, page.has_other_pages()


class IdsFirstPaginator(Paginator):
    """Reads a page's ids first, then only those rows in full (a "deferred join").

    The ids come from an index in the list's order, so page 4,000 costs a walk along an index
    rather than reading, and joining, the 96,000 rows before it. ``rows`` is the query set the
    shown rows are read from (with what the cards need selected).
    """

    def __init__(self, object_list, per_page, *, rows, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows

    def page(self, number):
        number = self.validate_number(number)
        if not self.count:  # known to be empty (the counts said so): nothing to read
            return self._get_page([], number, self)
        bottom = (number - 1) * self.per_page
        if isinstance(self.object_list, RankedImages):  # a search by relevance: two groups
            ids = self.object_list.ids(bottom, self.per_page)
        else:
            ids = list(
                self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page]
            )
        found = self.rows.in_bulk(ids)
        return self._get_page([found[pk] for pk in ids if pk in found], number, self)


class PublicDetailMixin:
    """Published objects for visitors; drafts too for editors who may view them (preview), and
    any earlier version of the page with ``?version=<id>`` (``revisions.py``)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if can_preview(self.request, queryset.model):
            return queryset
        return queryset.published()

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        version = self.request.GET.get(VERSION_PARAMETER)
        if version is not None and can_preview(self.request, type(obj)):
            return as_of(obj, version)
        return obj


def with_image_counts(missions):
    """The missions, each with ``image_count`` read from the gallery's counts (no counting)."""
    counts = archive()
    missions = list(missions)
    for mission in missions:
        mission.image_count = counts.images_of("mission", mission.pk)
    return missions


class HomeView(TemplateView):
    template_name = "missions/home.html"

    def get_context_data(self, **kwargs):
        featured = Mission.objects.for_list().order_by("-is_featured", "-launch_date")[:3]
        return super().get_context_data(
            featured_missions=with_image_counts(featured),
            latest_images=ImageCaption.objects.published()
            .for_cards()
            .order_by(*SORTS["newest"])[:8],
            **kwargs,
        )


class MissionListView(ForgivingPaginationMixin, ListView):
    extra_context = {"section": "missions"}
    queryset = Mission.objects.for_list()
    template_name = "missions/mission_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = with_image_counts(context["object_list"])
        return context


class AstronautListView(ForgivingPaginationMixin, ListView):
    extra_context = {"section": "astronauts"}
    queryset = Astronaut.objects.for_list()
    template_name = "missions/astronaut_list.html"


class SpacecraftListView(ForgivingPaginationMixin, ListView):
    extra_context = {"section": "spacecraft"}
    queryset = Spacecraft.objects.for_list()
    template_name = "missions/spacecraft_list.html"


class RelatedImagesMixin:
    """Adds the first images of a mission, astronaut or spacecraft, and their total; and the
    videos of the mission, or showing the astronaut or spacecraft."""

    images_filter = ""  # the gallery parameter and image lookup that select this object's images
    videos_filter = ""  # the ``public_videos`` argument that selects this object's videos

    def get_context_data(self, **kwargs):
        images = (
            ImageCaption.objects.published()
            .for_cards()
            .filter(**{self.images_filter: self.object})
            .order_by(*SORTS["newest"])
        )
        return super().get_context_data(
            images=images[:RELATED_IMAGES],
            image_count=archive().images_of(self.images_filter, self.object.pk),
            gallery_query=f"{self.images_filter}={self.object.slug}",
            videos=public_videos(**{self.videos_filter: self.object.pk}),
            **kwargs,
        )


class MissionDetailView(PublicDetailMixin, RelatedImagesMixin, DetailView):
    extra_context = {"section": "missions"}
    queryset = Mission.objects.with_crew().with_story().prefetch_related("spacecraft")
    template_name = "missions/mission_detail.html"
    images_filter = "mission"
    videos_filter = "mission"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            spacecraft_list=[craft for craft in self.object.spacecraft.all() if craft.is_published],
            **kwargs,
        )


class AstronautDetailView(PublicDetailMixin, RelatedImagesMixin, DetailView):
    extra_context = {"section": "astronauts"}
    queryset = Astronaut.objects.for_page()
    template_name = "missions/astronaut_detail.html"
    images_filter = "photographer"
    videos_filter = "astronaut"

    def get_context_data(self, **kwargs):
        crew = (
            self.object.crew_members.filter(mission__is_published=True)
            .select_related("mission")
            .order_by("-mission__launch_date")
        )
        return super().get_context_data(crew=crew, **kwargs)


class SpacecraftDetailView(PublicDetailMixin, RelatedImagesMixin, DetailView):
    extra_context = {"section": "spacecraft"}
    queryset = Spacecraft.objects.for_page()
    template_name = "missions/spacecraft_detail.html"
    images_filter = "spacecraft"
    videos_filter = "spacecraft"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            missions=self.object.missions.published().order_by("-launch_date"), **kwargs
        )


class GalleryView(ForgivingPaginationMixin, ListView):
    """Images and videos, filtered and searched. Images are paged; the videos of the same
    filters come first on the first page (all of them, paged, with ``type=videos``)."""

    extra_context = {"section": "gallery"}
    template_name = "missions/gallery.html"
    VIDEO_STRIP = 4

    def get_paginator(self, queryset, per_page, **kwargs):
        if isinstance(queryset, list):  # the videos
            return Paginator(queryset, per_page, **kwargs)
        return IdsFirstPaginator(
            queryset, per_page, rows=ImageCaption.objects.for_cards(), **kwargs
        )

    def get_queryset(self):
        """The page's images (or videos); the image counts come from the archive's cells (see
        ``facets``), the videos from ``public_videos``."""
        self.archive = counts = archive()
        self.filterset = GalleryFilter(
            self.request.GET,
            queryset=ImageCaption.objects.published().for_cards(),
            request=self.request,
            directory=counts.directory,
        )
        images = self.filterset.qs  # validates the filters
        query = self.filterset.search_query
        self.cells = searched_cells(query, self.filterset.searched) if query.terms else counts.cells
        self.selection = self.filterset.selection()
        self.image_count = self.selection.total(self.cells)
        self.videos = self.filterset.videos()
        if not self.filterset.shows("images"):
            self.result_count = len(self.videos)
            return self.videos
        self.result_count = self.image_count
        if isinstance(images, RankedImages):
            count_titles(images, query, self.filterset.queryset, self.selection)
        return images

    def get_context_data(self, **kwargs):
        query = self.filterset.search_query
        context = super().get_context_data(
            filter=self.filterset,
            facets=facets(self.filterset, self.selection, self.cells, self.archive.directory),
            search=query if query.readings() else None,
            search_notices=search_notices(self.filterset.form.cleaned_data.get("q"), query),
            image_count=self.image_count,
            video_count=len(self.videos),
            showing_videos=not self.filterset.shows("images"),
            **kwargs,
        )
        if self.filterset.shows("images") and self.filterset.shows("videos"):
            first_page = context["page_obj"].number == 1
            context["video_strip"] = self.videos[: self.VIDEO_STRIP] if first_page else []
        return context


def count_titles(ranked, query, images, selection):
    """Tell ``ranked`` (a search by relevance) how many of its images match by title, from the
    cells of the title matches among ``images`` (grouped once per search and content version)
    and the ``selection`` of the other filters: its pages then need no count."""
    titled = searched_cells(query, lambda: ranked.titled(images), "title")
    ranked.title_count = selection.total(titled)


class SiteSearchView(TemplateView):
    """The header's search: missions, astronauts and spacecraft by name and text, then the
    first images, each group in the visitor's language (see ``search.site``)."""

    template_name = "missions/search.html"
    IMAGES = 8

    def get_context_data(self, **kwargs):
        text = self.request.GET.get("q", "")
        query = parse(text)
        images, image_count = [], 0
        if query.readings():
            published = ImageCaption.objects.published().for_cards()
            ranked = by_relevance(published, query)
            image_count = Selection({}).total(searched_cells(query, lambda: ranked.matched))
            if image_count:
                count_titles(ranked, query, published, Selection({}))
                images = ranked[: self.IMAGES]
        groups = search_site(query, active_language())
        return super().get_context_data(
            text=query.text,
            search=query if query.readings() else None,
            search_notices=search_notices(text, query),
            groups=[(KIND_LABELS[kind], hits) for kind, hits in groups.items() if hits],
            images=images,
            image_count=image_count,
            **kwargs,
        )


KIND_LABELS = {
    "missions": _lazy("Missions"),
    "astronauts": _lazy("Astronauts"),
    "spacecraft": _lazy("Spacecraft"),
    "videos": _lazy("Videos"),
}


def search_notices(text, query):
    """What to tell a visitor about how their search text was read, if anything."""
    notices = []
    if text and not query.terms:
        notices.append(
            _("“%(text)s” has no word to search for: type letters or digits.") % {"text": text[:80]}
        )
    elif query.only_common_words:
        notices.append(
            _(
                "“%(text)s” has only very common words (such as “the” or “de”), which are not "
                "searched: add a word about what the image shows."
            )
            % {"text": query.text[:80]}
        )
    if query.truncated:
        count = len(query.words)
        notices.append(
            ngettext(
                "Only the first word was searched.",
                "Only the first %(count)s words were searched.",
                count,
            )
            % {"count": count}
        )
    return notices


class ImageDetailView(PublicDetailMixin, DetailView):
    extra_context = {"section": "gallery"}
    queryset = ImageCaption.objects.for_page()
    context_object_name = "image"
    template_name = "missions/image_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            previous_image=self._neighbour(older=True),
            next_image=self._neighbour(older=False),
            **kwargs,
        )

    def _neighbour(self, older):
        """The image taken just before or after this one in the same mission (gallery order)."""
        image = self.object
        if image.mission_id is None:
            return None
        siblings = ImageCaption.objects.published().filter(mission_id=image.mission_id)
        if image.date_taken is None:
            return None
        if older:
            step = Q(date_taken__lt=image.date_taken) | Q(
                date_taken=image.date_taken, pk__lt=image.pk
            )
            order = (F("date_taken").desc(nulls_last=True), "-pk")  # the index's order
        else:
            step = Q(date_taken__gt=image.date_taken) | Q(
                date_taken=image.date_taken, pk__gt=image.pk
            )
            order = (F("date_taken").asc(nulls_first=True), "pk")  # the index read backwards
        return siblings.filter(step).order_by(*order).only("slug", "title_en", "title_fr").first()
