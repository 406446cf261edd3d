"""Public URLs of the archive, mounted under /en/ and /fr/ (path words are translated too)."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from . import like_views, story_views, video_views, views
from .feeds import latest_feed

app_name = "missions"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(pgettext_lazy("URL", "missions/"), views.MissionListView.as_view(), name="mission-list"),
    path(
        pgettext_lazy("URL", "missions/<slug:slug>/"),
        views.MissionDetailView.as_view(),
        name="mission",
    ),
    path(
        pgettext_lazy("URL", "astronauts/"),
        views.AstronautListView.as_view(),
        name="astronaut-list",
    ),
    path(
        pgettext_lazy("URL", "astronauts/<slug:slug>/"),
        views.AstronautDetailView.as_view(),
        name="astronaut",
    ),
    path(
        pgettext_lazy("URL", "spacecraft/"),
        views.SpacecraftListView.as_view(),
        name="spacecraft-list",
    ),
    path(
        pgettext_lazy("URL", "spacecraft/<slug:slug>/"),
        views.SpacecraftDetailView.as_view(),
        name="spacecraft",
    ),
    path(
        pgettext_lazy("URL", "agencies/"),
        story_views.AgencyListView.as_view(),
        name="agency-list",
    ),
    path(
        pgettext_lazy("URL", "agencies/<slug:slug>/"),
        story_views.AgencyDetailView.as_view(),
        name="agency",
    ),
    path(pgettext_lazy("URL", "places/"), story_views.PlaceListView.as_view(), name="place-list"),
    path(
        pgettext_lazy("URL", "places/<slug:slug>/"),
        story_views.PlaceDetailView.as_view(),
        name="place",
    ),
    path(pgettext_lazy("URL", "gallery/"), views.GalleryView.as_view(), name="gallery"),
    path(
        pgettext_lazy("URL", "images/<slug:slug>/"), views.ImageDetailView.as_view(), name="image"
    ),
    path(
        pgettext_lazy("URL", "videos/<slug:slug>/"),
        video_views.VideoDetailView.as_view(),
        name="video",
    ),
    path(
        pgettext_lazy("URL", "videos/<slug:slug>/subtitles-<str:language>.vtt"),
        video_views.SubtitlesView.as_view(),
        name="video-subtitles",
    ),
    *(
        path(
            format_lazy("{}{}", pgettext_lazy("URL", page), pgettext_lazy("URL", "like/")),
            like_views.LikeView.as_view(target=target),
            name=f"{target}-like",
        )
        for target, page in (
            ("image", "images/<slug:slug>/"),
            ("video", "videos/<slug:slug>/"),
            ("mission", "missions/<slug:slug>/"),
        )
    ),
    path(pgettext_lazy("URL", "search/"), views.SiteSearchView.as_view(), name="search"),
    path(pgettext_lazy("URL", "feed/"), latest_feed, name="feed"),
]
