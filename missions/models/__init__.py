"""The archive's domain: missions, the astronauts who flew them, spacecraft, captioned images
(``archive.py``), videos (``videos.py``), the agencies, places, timelines, experiments and
links the missions are told with (``stories.py``) and visitors' likes (``likes.py``).

Text a visitor reads comes in ``<field>_en`` / ``<field>_fr`` pairs (see ``bilingual.py``).
Every public model has ``is_published``; its manager's ``published()`` is what public views use.
"""

from .archive import (
    LICENCE_URLS,
    NO_CAPTION,
    RENDITION_FIELDS,
    Astronaut,
    ContentVersion,
    Country,
    CrewMember,
    GalleryCell,
    GalleryOrderIndex,
    ImageCaption,
    ImageNotStored,
    Licence,
    Mission,
    Publishable,
    Spacecraft,
    delete_image_files,
    image_upload_to,
    media_url,
)
from .likes import Like
from .stories import (
    Agency,
    Agreement,
    Experiment,
    MissionEvent,
    MissionFigure,
    Place,
    RelatedLink,
)
from .uploads import PendingUpload, UploadBatch
from .videos import TimelapseSpeed, Video, video_upload_to

__all__ = [
    "Agency",
    "Agreement",
    "Experiment",
    "Like",
    "MissionEvent",
    "MissionFigure",
    "PendingUpload",
    "Place",
    "RelatedLink",
    "LICENCE_URLS",
    "NO_CAPTION",
    "RENDITION_FIELDS",
    "Astronaut",
    "ContentVersion",
    "Country",
    "CrewMember",
    "GalleryCell",
    "GalleryOrderIndex",
    "ImageCaption",
    "ImageNotStored",
    "Licence",
    "Mission",
    "Publishable",
    "Spacecraft",
    "TimelapseSpeed",
    "UploadBatch",
    "Video",
    "delete_image_files",
    "image_upload_to",
    "media_url",
    "video_upload_to",
]
