"""``/agencies`` and ``/places``: who flew and built, where from, and what they agreed."""

from django.db.models import Prefetch
from ninja import Query, Router

from ..models import Agency, Agreement, Astronaut, Mission, Place, Spacecraft
from . import describe
from .cursors import Order
from .media import Paging
from .records import ERRORS, listed
from .schemas import AgencyDetail, AgencyList, Error, PlaceDetail, PlaceList
from .service import named, not_found

router = Router(tags=["agencies and places"])

BY_SHORT_NAME = Order("short names", (("short_name", False), ("id", False)))
BY_ENGLISH_NAME = Order("place names", (("name_en", False), ("id", False)))
MISSIONS = Mission.objects.published().order_by("-launch_date")


def _agreements_prefetch():
    """A record's public agreements, with their public parties and place."""
    return Prefetch("agreements", queryset=Agreement.objects.public())


def _agreements(request, record):
    return [describe.agreement(request, signed) for signed in record.agreements.all()]


def _links(request, name, records):
    return [describe.link(request, name, record) for record in records]


@router.get("/agencies", response={200: AgencyList, **ERRORS}, url_name="agencies")
def list_agencies(request, paging: Query[Paging]):
    """Published agencies and companies, by short name."""
    return listed(request, Agency.objects.published(), BY_SHORT_NAME, paging, describe.agency_card)


@router.get(
    "/agencies/{slug}", response={200: AgencyDetail, 404: Error, 429: Error}, url_name="agency"
)
def agency(request, slug: str):
    """One agency: its astronauts, the spacecraft it operates, its missions and agreements."""
    found = named(
        Agency.objects.published().prefetch_related(
            Prefetch("astronauts", queryset=Astronaut.objects.published()),
            Prefetch("spacecraft", queryset=Spacecraft.objects.published()),
            Prefetch("missions", queryset=MISSIONS),
            _agreements_prefetch(),
        ),
        slug,
    )
    if found is None:
        return not_found(slug)
    return {
        **describe.agency_card(request, found),
        "website": found.website,
        "description": describe.text(found, "description"),
        "astronauts": _links(request, "astronaut", found.astronauts.all()),
        "spacecraft": _links(request, "spacecraft", found.spacecraft.all()),
        "missions": _links(request, "mission", found.missions.all()),
        "agreements": _agreements(request, found),
        "updated_at": found.updated_at,
    }


@router.get("/places", response={200: PlaceList, **ERRORS}, url_name="places")
def list_places(request, paging: Query[Paging]):
    """Published launch sites, training centres and other places, by English name."""
    return listed(request, Place.objects.published(), BY_ENGLISH_NAME, paging, describe.place_card)


@router.get("/places/{slug}", response={200: PlaceDetail, 404: Error, 429: Error}, url_name="place")
def place(request, slug: str):
    """One place: the missions launched from there or trained for there, and its agreements."""
    found = named(
        Place.objects.published().prefetch_related(
            Prefetch("launches", queryset=MISSIONS),
            Prefetch("trainings", queryset=MISSIONS),
            _agreements_prefetch(),
        ),
        slug,
    )
    if found is None:
        return not_found(slug)
    return {
        **describe.place_card(request, found),
        "description": describe.text(found, "description"),
        "launches": _links(request, "mission", found.launches.all()),
        "trainings": _links(request, "mission", found.trainings.all()),
        "agreements": _agreements(request, found),
        "updated_at": found.updated_at,
    }
