"""Thin public views: each picks a manager query set and hands it to a template.

Drafts are 404 for visitors; an editor who may view a model sees its drafts (with a banner), so
the admin's "view on site" works as a preview.
"""

from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Q
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from .filters import GalleryFilter, facets
from .models import Astronaut, ImageCaption, Mission, Spacecraft

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

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size, allow_empty_first_page=True)
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
        return paginator, page, page.object_list, page.has_other_pages()


class PublicDetailMixin:
    """Published objects for visitors; drafts too for editors who may view them (preview)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if can_preview(self.request, queryset.model):
            return queryset
        return queryset.published()


class HomeView(TemplateView):
    template_name = "missions/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            featured_missions=Mission.objects.for_list().order_by("-is_featured", "-launch_date")[
                :3
            ],
            latest_images=ImageCaption.objects.published().for_cards()[:8],
            **kwargs,
        )


class MissionListView(ForgivingPaginationMixin, ListView):
    extra_context = {"section": "missions"}
    queryset = Mission.objects.for_list()
    template_name = "missions/mission_list.html"


class AstronautListView(ForgivingPaginationMixin, ListView):
    extra_context = {"section": "astronauts"}
    queryset = Astronaut.objects.for_list()
    template_name = "missions/astronaut_list.html"


class SpacecraftListView(ForgivingPaginationMixin, ListView):
    extra_context = {"section": "spacecraft"}
    queryset = Spacecraft.objects.for_list()
    template_name = "missions/spacecraft_list.html"


class RelatedImagesMixin:
    """Adds the first images of a mission, astronaut or spacecraft, and their total."""

    images_filter = ""  # the gallery parameter and image lookup that select this object's images

    def get_context_data(self, **kwargs):
        images = (
            ImageCaption.objects.published().for_cards().filter(**{self.images_filter: self.object})
        )
        return super().get_context_data(
            images=images[:RELATED_IMAGES],
            image_count=images.count(),
            gallery_query=f"{self.images_filter}={self.object.slug}",
            **kwargs,
        )


class MissionDetailView(PublicDetailMixin, RelatedImagesMixin, DetailView):
    extra_context = {"section": "missions"}
    queryset = Mission.objects.with_crew().prefetch_related("spacecraft")
    template_name = "missions/mission_detail.html"
    images_filter = "mission"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            spacecraft_list=[craft for craft in self.object.spacecraft.all() if craft.is_published],
            **kwargs,
        )


class AstronautDetailView(PublicDetailMixin, RelatedImagesMixin, DetailView):
    extra_context = {"section": "astronauts"}
    queryset = Astronaut.objects.with_portrait()
    template_name = "missions/astronaut_detail.html"
    images_filter = "photographer"

    def get_context_data(self, **kwargs):
        crew = (
            self.object.crew_members.filter(mission__is_published=True)
            .select_related("mission")
            .order_by("-mission__launch_date")
        )
        return super().get_context_data(crew=crew, **kwargs)


class SpacecraftDetailView(PublicDetailMixin, RelatedImagesMixin, DetailView):
    extra_context = {"section": "spacecraft"}
    queryset = Spacecraft.objects.all()
    template_name = "missions/spacecraft_detail.html"
    images_filter = "spacecraft"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            missions=self.object.missions.published().order_by("-launch_date"), **kwargs
        )


class GalleryView(ForgivingPaginationMixin, ListView):
    extra_context = {"section": "gallery"}
    template_name = "missions/gallery.html"

    def get_queryset(self):
        self.filterset = GalleryFilter(
            self.request.GET,
            queryset=ImageCaption.objects.published().for_cards(),
            request=self.request,
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset,
            facets=facets(self.filterset),
            **kwargs,
        )


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
            order = ("-date_taken", "-pk")
        else:
            step = Q(date_taken__gt=image.date_taken) | Q(
                date_taken=image.date_taken, pk__gt=image.pk
            )
            order = ("date_taken", "pk")
        return siblings.filter(step).order_by(*order).only("slug", "title_en", "title_fr").first()
