"""Everything the archive does with PyAV (FFmpeg): judging video uploads (``judging``), and
the renditions and posters the worker makes (``renditions``)."""

from .judging import VideoInfo, inspect_video
from .renditions import (
    RENDITION_HEIGHTS,
    Rendition,
    VideoError,
    poster_frame,
    rendition_heights,
    transcode,
)

__all__ = [
    "RENDITION_HEIGHTS",
    "Rendition",
    "VideoError",
    "VideoInfo",
    "inspect_video",
    "poster_frame",
    "rendition_heights",
    "transcode",
]
