"""A video's public page and its subtitle files.

Visitors see a video once it is published and processed (``Video.objects.published()``);
editors who may view videos see the others too, as a preview, with a banner saying why
visitors do not.
"""

from django.http import Http404, HttpResponse
from django.views.generic import DetailView

from .bilingual import LANGUAGE_CODES, active_language
from .models import Video
from .views import PublicDetailMixin


class VideoDetailView(PublicDetailMixin, DetailView):
    extra_context = {"section": "gallery"}
    queryset = Video.objects.for_page()
    context_object_name = "video"
    template_name = "missions/video_detail.html"

    def get_context_data(self, **kwargs):
        tracks = self.object.subtitle_tracks(active_language())
        return super().get_context_data(
            tracks=tracks,
            # The subtitles as text, in the visitor's language if written in it.
            transcript=self.object.subtitle_words(tracks[0][0]) if tracks else "",
            **kwargs,
        )


class SubtitlesView(PublicDetailMixin, DetailView):
    """``…/videos/<slug>/subtitles-<language>.vtt``: one language's WebVTT, for ``<track>``."""

    queryset = Video.objects.all()

    def get(self, request, *args, language, **kwargs):
        if language not in LANGUAGE_CODES:
            raise Http404("No such language.")
        text = getattr(self.get_object(), f"subtitles_{language}")
        if not text.strip():
            raise Http404("No subtitles in this language.")
        return HttpResponse(text, content_type="text/vtt; charset=utf-8")
