"""What the API answers, described once: these classes check every answer and make the OpenAPI
description (``/api/v1/openapi.json``).

Texts come in both languages (``{"en": …, "fr": …}``, ``null`` where the editors wrote none);
public pages come as both languages' addresses. Records point to each other by slug, with the
API address that describes them.
"""

import datetime as dt

from ninja import Field, Schema


class Text(Schema):
    en: str | None = Field(description="In English; null when the editors wrote none.")
    fr: str | None = Field(description="In French; null when the editors wrote none.")


class Pages(Schema):
    en: str = Field(description="The public page in English.")
    fr: str = Field(description="The public page in French.")


class Link(Schema):
    slug: str
    name: str
    api: str = Field(description="Where the API describes it.")


class Licence(Schema):
    code: str = Field(examples=["cc-by-sa-3.0-igo"])
    name: str
    url: str = Field(description="The licence's terms.")


class File(Schema):
    url: str
    width: int
    height: int
    format: str = Field(description="Its media type.", examples=["image/webp"])
    bytes: int


class Error(Schema):
    detail: str | list | dict = Field(description="What was wrong, for a person to read.")


class Page(Schema):
    next: str | None = Field(description="The next page (a cursor), null on the last page.")
    count: int = Field(description="How many records the list holds in all.")


class ImageCard(Schema):
    slug: str
    api: str
    title: Text
    caption: Text
    alt: Text
    date_taken: dt.date | None
    mission: str | None = Field(description="The mission's slug.")
    width: int
    height: int
    thumbnail: str = Field(description="A JPEG at most 640 pixels wide.")
    illustration: bool = Field(description="A drawing or an artist's view, not a photograph.")
    pages: Pages


class ImageDetail(ImageCard):
    likes: int = Field(description="How many visitors liked it.")
    credit: str
    licence: Licence
    photographer: Link | None
    spacecraft: list[Link] = Field(description="The spacecraft it shows.")
    original: File
    renditions: list[File] = Field(description="Smaller copies, WebP and JPEG.")
    iiif_manifest: str = Field(description="Its IIIF Presentation 3.0 manifest.")
    iiif_image: str = Field(description="Its IIIF Image API 3.0 service.")
    updated_at: dt.datetime


class ImageList(Page):
    results: list[ImageCard]


class VideoFile(Schema):
    url: str
    width: int
    height: int
    format: str = Field(examples=["video/mp4"])
    bytes: int


class Subtitles(Schema):
    language: str = Field(examples=["fr"])
    url: str = Field(description="WebVTT.")


class VideoCard(Schema):
    slug: str
    api: str
    title: Text
    description: Text
    released_on: dt.date | None
    mission: str | None = Field(description="The mission's slug.")
    duration: float = Field(description="Seconds.")
    poster: str | None = Field(description="A still from the video (WebP).")
    pages: Pages


class VideoDetail(VideoCard):
    likes: int = Field(description="How many visitors liked it.")
    credit: Text
    licence: Licence
    footage_type: str
    audio: str
    astronauts: list[Link]
    spacecraft: list[Link]
    files: list[VideoFile] = Field(description="MP4 (H.264 and AAC), tallest first.")
    subtitles: list[Subtitles]
    updated_at: dt.datetime


class VideoList(Page):
    results: list[VideoCard]


class MissionCard(Schema):
    slug: str
    api: str
    name: str
    launch_date: dt.date
    landing_date: dt.date | None
    summary: Text
    pages: Pages


class CrewMember(Link):
    role: str = Field(examples=["flight_engineer"])


class RelatedLink(Schema):
    label: Text
    url: str


class Figure(Schema):
    value: int = Field(examples=[200])
    label: Text = Field(description="What it counts: experiments planned, European ones…")


class Experiment(Schema):
    slug: str
    name: Text
    field: str = Field(examples=["human_research"])
    leading_agency: Link | None
    description: Text


class Event(Schema):
    kind: str = Field(examples=["undocking"])
    date: dt.date
    time: dt.time | None = Field(description="UTC, where it is known.")
    label: Text
    description: Text
    images: list[str] = Field(description="The slugs of the published images that show it.")
    videos: list[str] = Field(description="The slugs of the published videos that show it.")


class MissionDetail(MissionCard):
    launch_site: Text
    launch_place: Link | None = Field(description="The launch site's record.")
    training_place: Link | None = Field(description="Where the crew trained.")
    destination: Text
    partners: list[Link] = Field(description="The agencies it was flown with.")
    timeline: list[Event]
    figures: list[Figure]
    experiments: list[Experiment]
    links: list[RelatedLink] = Field(description="Pages elsewhere to read more.")
    likes: int = Field(description="How many visitors liked it.")
    crew: list[CrewMember]
    spacecraft: list[Link]
    image_count: int
    images: str = Field(description="The API's list of its images.")
    videos: str = Field(description="The API's list of its videos.")
    iiif_manifest: str | None = Field(
        description="A IIIF Presentation 3.0 manifest of its images; null while it has none."
    )
    updated_at: dt.datetime


class MissionList(Page):
    results: list[MissionCard]


class AstronautCard(Schema):
    slug: str
    api: str
    name: str
    nationality: str = Field(description="ISO 3166 country code.", examples=["FR"])
    agency: str
    pages: Pages


class AstronautDetail(AstronautCard):
    agency_record: Link | None = Field(description="Their agency's record.")
    biography: Text
    links: list[RelatedLink]
    portrait: str | None = Field(description="The API address of their portrait.")
    missions: list[Link]
    images: str = Field(description="The API's list of the images they took.")
    updated_at: dt.datetime


class AstronautList(Page):
    results: list[AstronautCard]


class SpacecraftCard(Schema):
    slug: str
    api: str
    name: Text
    kind: str = Field(examples=["launcher"])
    pages: Pages


class SpacecraftDetail(SpacecraftCard):
    operator: Text
    operator_record: Link | None = Field(description="The operator's record.")
    links: list[RelatedLink]
    stages: int | None
    first_flight: dt.date | None
    launch_count: int | None
    description: Text
    missions: list[Link]
    images: str = Field(description="The API's list of the images that show it.")
    updated_at: dt.datetime


class SpacecraftList(Page):
    results: list[SpacecraftCard]


class AgencyCard(Schema):
    slug: str
    api: str
    short_name: str = Field(examples=["CNES"])
    name: Text
    country: str = Field(description="ISO 3166 country code; empty for an international one.")
    pages: Pages


class Agreement(Schema):
    title: Text
    signed_on: dt.date
    parties: list[Link]
    place: Link | None
    summary: Text


class AgencyDetail(AgencyCard):
    website: str
    description: Text
    astronauts: list[Link]
    spacecraft: list[Link] = Field(description="The spacecraft it operates.")
    missions: list[Link] = Field(description="The missions it was a partner of.")
    agreements: list[Agreement]
    updated_at: dt.datetime


class AgencyList(Page):
    results: list[AgencyCard]


class PlaceCard(Schema):
    slug: str
    api: str
    name: Text
    kind: str = Field(examples=["launch_site"])
    country: str
    region: Text
    pages: Pages


class PlaceDetail(PlaceCard):
    description: Text
    launches: list[Link] = Field(description="The missions launched from there.")
    trainings: list[Link] = Field(description="The missions whose crew trained there.")
    agreements: list[Agreement]
    updated_at: dt.datetime


class PlaceList(Page):
    results: list[PlaceCard]
