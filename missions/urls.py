"""Public URLs of the archive, mounted under /en/ and /fr/ (path words are translated too)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import video_views, views
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
    path(pgettext_lazy("URL", "search/"), views.SiteSearchView.as_view(), name="search"),
    path(pgettext_lazy("URL", "feed/"), latest_feed, name="feed"),
]
