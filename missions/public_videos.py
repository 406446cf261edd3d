"""The public videos, as the gallery, the search and the pages of missions, astronauts and
spacecraft list them.

An archive holds hundreds of videos beside hundreds of thousands of images, so each process
reads the public ones once per content version (``caching.VersionMemo``) with what their cards
and filters need, and filters them in memory: a page that lists videos costs no query.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from .caching import VersionMemo
from .models import Astronaut, Spacecraft, Video


@dataclass(frozen=True)
class PublicVideo:
    video: Video
    astronaut_ids: frozenset
    spacecraft_ids: frozenset

    @property
    def year(self):
        return self.video.released_on.year if self.video.released_on else None


def _read():
    videos = (
        Video.objects.published()
        .for_cards()
        .prefetch_related(
            Prefetch("astronauts", queryset=Astronaut.objects.published().only("pk")),
            Prefetch("spacecraft", queryset=Spacecraft.objects.published().only("pk")),
        )
    )
    return [
        PublicVideo(
            video,
            frozenset(astronaut.pk for astronaut in video.astronauts.all()),
            frozenset(craft.pk for craft in video.spacecraft.all()),
        )
        for video in videos
    ]


PUBLIC = VersionMemo(_read)


def public_videos(*, mission=None, astronaut=None, spacecraft=None, year=None, among=None):
    """The public videos (newest first) of a mission, showing an astronaut or a spacecraft,
    released in a year, and among the pks ``among`` (a search's matches) — each given by id."""
    return [
        entry.video
        for entry in PUBLIC.get()
        if (mission is None or entry.video.mission_id == mission)
        and (astronaut is None or astronaut in entry.astronaut_ids)
        and (spacecraft is None or spacecraft in entry.spacecraft_ids)
        and (year is None or entry.year == year)
        and (among is None or entry.video.pk in among)
    ]
