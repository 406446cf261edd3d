"""Uploaded files, when Django serves them: only those of images a visitor may see.

Stored names are random (``models.image_upload_to``), so a draft's file cannot be guessed; this
is the second lock, for the sites where Django itself serves ``MEDIA_URL`` (development, and
``SERVE_MEDIA`` on one machine). A file is served when it is the original or a rendition of a
public image, a rendition or poster of a public video, or when the user may preview drafts;
anything else (a bulk upload's waiting files among them) is a 404, the same answer as for a
file that does not exist, so a probe learns nothing. Videos are served in byte ranges too, so
a player can seek. With media on object storage (``storage.py``), the same check answers every
``/media/`` request, with a redirect to a short-lived signed URL of the private object.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.views.static import serve

from .images import EXTENSIONS
from .models import ImageCaption, Video
from .models.videos import VIDEO_FOLDER, rendition_files
from .ranges import ranged
from .views import can_preview

# Longer than any name we store (the image field's max_length): refused before any look-up.
MAX_PATH_LENGTH = 255


def images_of(path):
    """The images whose original or rendition ``path`` is (several share a file only in a
    synthetic archive).

    A rendition is ``<IMAGEKIT_CACHEFILE_DIR>/<original without its extension>/<hash>.<ext>``
    (imagekit's ``source_name_as_path``), so its original is one of a few exact names.
    """
    prefix = settings.IMAGEKIT_CACHEFILE_DIR.strip("/") + "/"
    if path.startswith(prefix):
        stem = path[len(prefix) :].rpartition("/")[0]
        names = [f"{stem}.{extension}" for extension in EXTENSIONS.values()]
    else:
        names = [path]
    return ImageCaption.objects.filter(image__in=names)


def _video_file(request, path):
    """``(public, allowed)`` for a file of a video's folder: its renditions are public when
    the video is; the original and anything else only ever goes to editors."""
    folder = path.rpartition("/")[0]
    videos = Video.objects.filter(file__startswith=f"{folder}/")
    video = videos.published().first()
    if video is not None and path in rendition_files(video.renditions):
        return True, True
    return False, can_preview(request, Video) and videos.exists()


def serve_media(request, path):
    """An uploaded file for whoever may see its image; a 404 for anyone else.

    Only with ``DEBUG`` or ``SERVE_MEDIA`` on. Public files are kept a day by browsers and
    shared caches, then revalidated (Last-Modified); a draft's file, shown to an editor, is
    ``private``.
    """
    if not (settings.DEBUG or settings.SERVE_MEDIA) or len(path) > MAX_PATH_LENGTH:
        raise Http404("No such file.")  # another server serves MEDIA_URL, or nothing does
    if path.startswith(f"{VIDEO_FOLDER}/"):
        public, allowed = _video_file(request, path)
    else:
        images = images_of(path)
        public = images.published().exists()
        allowed = public or (can_preview(request, ImageCaption) and images.exists())
    if not allowed:
        raise Http404("No such file.")
    storage = default_storage
    if hasattr(storage, "signed_url"):  # object storage (storage.py): the bytes come from it
        seconds = settings.S3_SIGNED_SECONDS
        response = HttpResponseRedirect(storage.signed_url(path, seconds))
        if public:  # kept by browsers and CDNs well within the signature's life
            patch_cache_control(response, public=True, max_age=seconds // 2)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response
    response = ranged(request, path) or serve(request, path, document_root=settings.MEDIA_ROOT)
    if public:
        patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response
