"""The pages of agencies and places: who flew, built and signed what, and where missions left
from and trained (the records of ``models/stories.py``).

Like the other public views, each lists only published records (``published()``); a draft
agency or place is 404 for visitors and a preview for editors (``PublicDetailMixin``).
"""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from .filters import SORTS
from .models import Agency, Agreement, ImageCaption, Mission, Place
from .views import RELATED_IMAGES, ForgivingPaginationMixin, PublicDetailMixin, with_image_counts


def public_agreements(agreements, besides=None):
    """Published agreements, newest first, each with its place (see ``managers.public``) and
    ``shown_parties``: its published parties, but ``besides`` (the agency whose page it is)."""
    agreements = list(agreements.public().order_by("-signed_on", "pk"))
    for agreement in agreements:
        agreement.shown_parties = [p for p in agreement.parties.all() if p != besides]
    return agreements


class AgencyListView(ForgivingPaginationMixin, ListView):
    queryset = Agency.objects.published().order_by("short_name")
    template_name = "missions/agency_list.html"


class PlaceListView(ForgivingPaginationMixin, ListView):
    queryset = Place.objects.published().order_by("name_en")
    template_name = "missions/place_list.html"


class AgencyDetailView(PublicDetailMixin, DetailView):
    queryset = Agency.objects.all()
    context_object_name = "agency"
    template_name = "missions/agency_detail.html"

    def get_context_data(self, **kwargs):
        agency = self.object
        experiments = (
            agency.experiments.published()
            .prefetch_related(
                Prefetch("missions", queryset=Mission.objects.published().order_by("launch_date"))
            )
            .order_by("name_en")
        )
        return super().get_context_data(
            astronauts=agency.astronauts.published().order_by("name"),
            spacecraft_list=agency.spacecraft.published().order_by("name"),
            missions=agency.missions.published().order_by("-launch_date", "name"),
            experiments=experiments,
            agreements=public_agreements(Agreement.objects.filter(parties=agency), agency),
            **kwargs,
        )


class PlaceDetailView(PublicDetailMixin, DetailView):
    queryset = Place.objects.all()
    context_object_name = "place"
    template_name = "missions/place_detail.html"

    def get_context_data(self, **kwargs):
        place = self.object
        launches = list(place.launches.published().order_by("-launch_date", "name"))
        trainings = list(place.trainings.published().order_by("-launch_date", "name"))
        # Each mission once, with its image count from the gallery's counts (no counting).
        missions = with_image_counts({m.pk: m for m in launches + trainings}.values())
        pictured = [mission for mission in missions if mission.image_count]
        images = []
        if pictured:
            images = (
                ImageCaption.objects.published()
                .for_cards()
                .filter(mission__in=[mission.pk for mission in pictured])
                .order_by(*SORTS["newest"])[:RELATED_IMAGES]
            )
        return super().get_context_data(
            launches=launches,
            trainings=trainings,
            images=images,
            pictured_missions=pictured,
            agreements=public_agreements(place.agreements.all()),
            **kwargs,
        )
