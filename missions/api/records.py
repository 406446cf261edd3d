"""``/missions``, ``/astronauts`` and ``/spacecraft``: the archive's records, in pages."""

from django.db.models import Prefetch
from django.urls import reverse
from ninja import Query, Router

from .. import links
from ..facets import archive
from ..models import (
    Agency,
    Astronaut,
    CrewMember,
    Experiment,
    ImageCaption,
    Mission,
    MissionEvent,
    Spacecraft,
    Video,
)
from . import describe
from .cursors import Order
from .media import Paging
from .paging import keyset_page
from .schemas import (
    AstronautDetail,
    AstronautList,
    Error,
    MissionDetail,
    MissionList,
    SpacecraftDetail,
    SpacecraftList,
)
from .service import named, not_found

router = Router(tags=["missions, astronauts and spacecraft"])

MISSION_ORDER = Order("missions", (("launch_date", True), ("id", True)))
BY_NAME = Order("names", (("name", False), ("id", False)))
ERRORS = {400: Error, 429: Error}
PUBLISHED_MISSIONS = Prefetch(
    "missions", queryset=Mission.objects.published().order_by("-launch_date")
)


def listed(request, queryset, order, paging, card):
    records, following = keyset_page(request, queryset, order, paging.cursor, paging.limit)
    return {
        "count": queryset.count(),
        "next": following,
        "results": [card(request, record) for record in records],
    }


def _images_of(request, name, slug):
    """The API's list of the images of one mission, photographer or spacecraft."""
    return links.absolute(request, f"{reverse('api:images')}?{name}={slug}")


@router.get("/missions", response={200: MissionList, **ERRORS}, url_name="missions")
def list_missions(request, paging: Query[Paging]):
    """Published missions, the latest launch first."""
    return listed(
        request, Mission.objects.published(), MISSION_ORDER, paging, describe.mission_card
    )


@router.get(
    "/missions/{slug}", response={200: MissionDetail, 404: Error, 429: Error}, url_name="mission"
)
def mission(request, slug: str):
    """One published mission, its crew and spacecraft, and where its images are."""
    crew = CrewMember.objects.filter(astronaut__is_published=True).select_related("astronaut")
    events = MissionEvent.objects.prefetch_related(
        Prefetch("images", queryset=ImageCaption.objects.published().only("slug")),
        Prefetch("videos", queryset=Video.objects.published().only("slug")),
    )
    experiments = Experiment.objects.published().select_related("leading_agency")
    found = named(
        Mission.objects.published()
        .select_related("launch_place", "training_place")
        .prefetch_related(
            Prefetch("crew_members", queryset=crew),
            Prefetch("spacecraft", queryset=Spacecraft.objects.published()),
            Prefetch("partners", queryset=Agency.objects.published()),
            Prefetch("events", queryset=events),
            Prefetch("experiments", queryset=experiments),
            "figures",
            "links",
        ),
        slug,
    )
    if found is None:
        return not_found(slug)
    image_count = archive().images_of("mission", found.pk)
    return {
        **describe.mission_card(request, found),
        "launch_site": describe.text(found, "launch_site"),
        "launch_place": describe.place_link(request, found.launch_place),
        "training_place": describe.place_link(request, found.training_place),
        "destination": describe.text(found, "destination"),
        "partners": [describe.agency_link(request, agency) for agency in found.partners.all()],
        "timeline": [_event(event) for event in found.events.all()],
        "figures": [
            {"value": figure.value, "label": describe.text(figure, "label")}
            for figure in found.figures.all()
        ],
        "experiments": [_experiment(request, done) for done in found.experiments.all()],
        "links": describe.related_links(found),
        "likes": found.like_count,
        "crew": [
            {**describe.link(request, "astronaut", member.astronaut), "role": member.role}
            for member in found.crew_members.all()
        ],
        "spacecraft": [
            describe.link(request, "spacecraft", craft) for craft in found.spacecraft.all()
        ],
        "image_count": image_count,
        "images": _images_of(request, "mission", found.slug),
        "videos": links.absolute(request, f"{reverse('api:videos')}?mission={found.slug}"),
        "iiif_manifest": (
            links.absolute(request, reverse("iiif:mission-manifest", kwargs={"slug": found.slug}))
            if image_count
            else None
        ),
        "updated_at": found.updated_at,
    }


@router.get("/astronauts", response={200: AstronautList, **ERRORS}, url_name="astronauts")
def list_astronauts(request, paging: Query[Paging]):
    """Published astronauts, by name."""
    return listed(request, Astronaut.objects.published(), BY_NAME, paging, describe.astronaut_card)


@router.get(
    "/astronauts/{slug}",
    response={200: AstronautDetail, 404: Error, 429: Error},
    url_name="astronaut",
)
def astronaut(request, slug: str):
    """One published astronaut, their missions and the images they took."""
    found = named(
        Astronaut.objects.published()
        .with_portrait()
        .select_related("space_agency")
        .prefetch_related(PUBLISHED_MISSIONS, "links"),
        slug,
    )
    if found is None:
        return not_found(slug)
    portrait = found.public_portrait
    return {
        **describe.astronaut_card(request, found),
        "agency_record": describe.agency_link(request, found.space_agency),
        "biography": describe.text(found, "biography"),
        "links": describe.related_links(found),
        "portrait": describe.api_url(request, "image", slug=portrait.slug) if portrait else None,
        "missions": [describe.link(request, "mission", flown) for flown in found.missions.all()],
        "images": _images_of(request, "photographer", found.slug),
        "updated_at": found.updated_at,
    }


@router.get("/spacecraft", response={200: SpacecraftList, **ERRORS}, url_name="spacecraft-list")
def list_spacecraft(request, paging: Query[Paging]):
    """Published spacecraft (launchers, crew and cargo vehicles, stations), by name."""
    return listed(
        request, Spacecraft.objects.published(), BY_NAME, paging, describe.spacecraft_card
    )


@router.get(
    "/spacecraft/{slug}",
    response={200: SpacecraftDetail, 404: Error, 429: Error},
    url_name="spacecraft",
)
def spacecraft(request, slug: str):
    """One published spacecraft, the missions it flew and the images that show it."""
    found = named(
        Spacecraft.objects.published()
        .select_related("operated_by")
        .prefetch_related(PUBLISHED_MISSIONS, "links"),
        slug,
    )
    if found is None:
        return not_found(slug)
    return {
        **describe.spacecraft_card(request, found),
        "operator": describe.named(found, "operator"),
        "operator_record": describe.agency_link(request, found.operated_by),
        "links": describe.related_links(found),
        "stages": found.stages,
        "first_flight": found.first_flight,
        "launch_count": found.launch_count,
        "description": describe.text(found, "description"),
        "missions": [describe.link(request, "mission", flown) for flown in found.missions.all()],
        "images": _images_of(request, "spacecraft", found.slug),
        "updated_at": found.updated_at,
    }


def _event(event):
    return {
        "kind": event.kind,
        "date": event.date,
        "time": event.time,
        "label": describe.text(event, "label"),
        "description": describe.text(event, "description"),
        "images": [image.slug for image in event.images.all()],
        "videos": [video.slug for video in event.videos.all()],
    }


def _experiment(request, experiment):
    return {
        "slug": experiment.slug,
        "name": describe.text(experiment, "name"),
        "field": experiment.field,
        "leading_agency": describe.agency_link(request, experiment.leading_agency),
        "description": describe.text(experiment, "description"),
    }
