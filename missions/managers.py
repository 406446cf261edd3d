"""Query sets for the domain: the one place that decides what is public and what is fetched.

Views call these methods and templates only read what they selected or prefetched, so the
number of queries a page makes does not grow with the number of items on it.
"""

from django.db import models
from django.db.models import Count, F, Prefetch, Q

CARD_FIELDS = (
    "slug",
    "image",
    "renditions",
    "width",
    "height",
    "date_taken",
    "is_illustration",
    "focal_x",  # the crops keep the focal point (cards.focal_style)
    "focal_y",
    *(f"{text}_{code}" for text in ("title", "alt", "caption") for code in ("en", "fr")),
    "mission__name",
    "mission__slug",
)


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class AgreementQuerySet(PublishedQuerySet):
    def public(self):
        """Published agreements, each with its place and its published parties (prefetched):
        what pages and the API show of them."""
        parties = self.model._meta.get_field("parties").related_model.objects.published()
        return (
            self.published()
            .select_related("place")
            .prefetch_related(Prefetch("parties", queryset=parties))
        )


class ImageCaptionQuerySet(PublishedQuerySet):
    def published(self):
        """Published images whose mission, if they have one, is published too.

        (A join: an ``IN (published missions)`` subquery reads the same, but SQLite's planner
        then prefers the mission index and sorts every image instead of reading in order.)
        """
        return self.filter(
            Q(mission__isnull=True) | Q(mission__is_published=True), is_published=True
        )

    def with_caption(self):
        return self.exclude(caption_en="", caption_fr="")

    def needs_caption(self):
        """Drafts with no caption in either language (the admin's "needs a caption")."""
        return self.filter(is_published=False, caption_en="", caption_fr="")

    def ready_to_publish(self):
        """What may go public (``ImageCaption.clean``): a title and a caption, in at least one
        language each. Whatever publishes images in bulk (the admin's action, the scheduled
        publishing) publishes only these."""
        return self.with_caption().exclude(title_en="", title_fr="")

    def for_cards(self):
        """Only what an image card shows (``cards.py``), its mission's name in the same query.

        A gallery page reads 24 rows: without the photographer, the editors' fields and the
        mission's texts, reading them took half as long.
        """
        return self.select_related("mission").only(*CARD_FIELDS)

    def for_page(self):
        """An image's own page and feed entry: everything, with its mission and photographer."""
        from .models import Spacecraft

        return self.select_related("mission", "photographer").prefetch_related(
            Prefetch("spacecraft", queryset=Spacecraft.objects.published())
        )


class FlownQuerySet(PublishedQuerySet):
    """Astronauts and spacecraft: listed by name with how many published missions they flew."""

    def for_list(self):
        return (
            self.published()
            .annotate(
                mission_count=Count(
                    "missions", filter=Q(missions__is_published=True), distinct=True
                )
            )
            .order_by("name")
        )


class AstronautQuerySet(FlownQuerySet):
    def with_portrait(self):
        """With the portrait and its mission: whether it is public depends on both."""
        return self.select_related("portrait", "portrait__mission")

    def for_list(self):
        return super().for_list().with_portrait()

    def for_page(self):
        """An astronaut's page: the portrait, the agency record (see ``public``), the links."""
        return self.with_portrait().select_related("space_agency").prefetch_related("links")


class SpacecraftQuerySet(FlownQuerySet):
    def for_page(self):
        """A spacecraft's page: its operator's record (see ``public``) and its links."""
        return self.select_related("operated_by").prefetch_related("links")


class MissionQuerySet(PublishedQuerySet):
    def with_crew(self):
        """Crew (published astronauts, with their role and portrait) in one extra query."""
        from .models import CrewMember

        crew = CrewMember.objects.filter(astronaut__is_published=True).select_related(
            "astronaut", "astronaut__portrait", "astronaut__portrait__mission"
        )
        return self.prefetch_related(Prefetch("crew_members", queryset=crew))

    def for_list(self):
        """Published missions with their crew; image counts come from ``facets.archive()``."""
        return self.published().with_crew().order_by("-launch_date", "name")

    def with_story(self):
        """What a mission's page tells beyond its crew, in a fixed number of queries: its
        timeline (each moment with the public images and videos that show it), its figures,
        published experiments (their leading agency selected: see ``public``), published
        partners, links to read more, and its launch and training places (``public`` too)."""
        from .models import Agency, Experiment, ImageCaption, MissionEvent, Video

        events = MissionEvent.objects.prefetch_related(
            Prefetch(
                "images",
                queryset=ImageCaption.objects.published()
                .for_cards()
                .order_by(F("date_taken").asc(nulls_last=True), "pk"),
            ),
            Prefetch("videos", queryset=Video.objects.published().for_cards()),
        )
        experiments = Experiment.objects.published().select_related("leading_agency")
        return self.select_related("launch_place", "training_place").prefetch_related(
            Prefetch("events", queryset=events),
            "figures",
            Prefetch("experiments", queryset=experiments),
            Prefetch("partners", queryset=Agency.objects.published()),
            "links",
        )


class VideoQuerySet(PublishedQuerySet):
    def published(self):
        """Published, processed videos whose mission, if they have one, is published too."""
        return self.filter(
            Q(mission__isnull=True) | Q(mission__is_published=True),
            is_published=True,
            state="ready",
        )

    def for_cards(self):
        return self.select_related("mission")

    def for_page(self):
        """A video's page: its mission, the published astronauts and spacecraft it shows, and
        its timelapse speeds."""
        from .models import Astronaut, Spacecraft

        return self.select_related("mission").prefetch_related(
            Prefetch("astronauts", queryset=Astronaut.objects.published()),
            Prefetch("spacecraft", queryset=Spacecraft.objects.published()),
            "speeds",
        )


def public(record):
    """``record`` (an agency or a place read with ``select_related``) if visitors may see it,
    else None: a draft is neither named nor linked."""
    return record if record is not None and record.is_published else None
