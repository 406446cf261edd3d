"""Judging a video upload with PyAV (FFmpeg), quickly whatever the film's length.

An upload is judged by what FFmpeg reads in it, never by its name or the browser's content
type, and judging must stay quick (the editor waits for it): the file is opened, its streams
are checked against the configured limits, its first pictures are decoded, then it is read
again near its end, which finds an upload cut short. Only one picture stream and at most one
sound track are accepted: anything else in the file (a second picture, subtitles, data,
attached files) is refused rather than stored unseen.
"""

import logging
import math
from dataclasses import dataclass
from decimal import Decimal

import av
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ..images import check_upload_size
from .streams import (
    CONTAINERS,
    OPEN_OPTIONS,
    average_rate,
    clock,
    display_width,
    duration_of,
)

logger = logging.getLogger(__name__)


# Signatures of still images, for a clearer refusal than "not a video".
IMAGE_SIGNATURES = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",  # TIFF
    b"MM\x00*",
)
ISO_MEDIA_BOXES = (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip")
EBML_MAGIC = b"\x1a\x45\xdf\xa3"  # Matroska and WebM

FIRST_FRAMES = 3  # pictures decoded at the start of an upload
START_PACKETS = 500  # packets read at most to find them
END_SECONDS = 1.0  # how far before the end the last pictures are read
END_FRAMES = 2  # pictures decoded there


@dataclass(frozen=True)
class VideoInfo:
    """What the archive stores about an accepted original."""

    width: int  # as displayed (non-square pixels applied; rotation metadata is not)
    height: int
    duration: float  # seconds
    frame_rate: float  # frames per second (average)
    video_codec: str  # FFmpeg's name: "h264", "hevc", "vp9"…
    audio_codec: str  # "" when there is no sound track
    size: int  # bytes
    extension: str  # "mp4", "mov", "webm", "mkv"…: for the stored original's name

    @property
    def has_audio(self):
        return bool(self.audio_codec)


# --- judging uploads -------------------------------------------------------------------------


def inspect_video(file):
    """Judge an uploaded video; return its :class:`VideoInfo` or raise ``ValidationError``.

    ``file`` is a Django ``File``, an ``UploadedFile`` or a ``FieldFile``; it is left at
    position 0. Only the start and the end of the film are decoded, so that this stays quick
    (a fraction of a second) whatever the film's length.
    """
    size = check_upload_size(file, settings.VIDEO_MAX_UPLOAD_BYTES)
    if getattr(file, "closed", False):  # a stored FieldFile is opened when read
        file.open("rb")
    try:
        file.seek(0)
        head = file.read(64)
        file.seek(0)
        try:
            container = av.open(_source(file), options=OPEN_OPTIONS)
        except av.FFmpegError as error:
            raise _unopened(head, error) from None
        with container:
            return _judge(container, size, head)
    finally:
        file.seek(0)


def _source(file):
    """What FFmpeg reads: the upload's temporary file when there is one, else the object."""
    for candidate in (file, getattr(file, "file", None)):
        if hasattr(candidate, "temporary_file_path"):
            return candidate.temporary_file_path()
    return file


def _unopened(head, error):
    logger.info("FFmpeg cannot open an upload: %s", error)
    if head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return ValidationError(
            _("This file is a still image, not a video: add it to the archive as an image."),
            code="not_video",
        )
    if head[4:8] in ISO_MEDIA_BOXES or head.startswith(EBML_MAGIC):
        # It starts as an MP4, MOV or Matroska file does, but its index cannot be found: an
        # MP4 whose index (moov) was to be written last and never was, or a cut-off upload.
        return ValidationError(
            _(
                "The video is incomplete: the file was cut short (an upload or a copy that "
                "did not finish, or a recording that was not stopped properly), so it cannot "
                "be read. Upload the whole file again."
            ),
            code="corrupt",
        )
    return ValidationError(
        _("This file is not a video that can be read: upload an MP4, MOV, WebM or MKV film."),
        code="not_video",
    )


def _judge(container, size, head):
    video, audio = _streams(container)
    if video.codec_context is None:
        raise ValidationError(
            _("The video is encoded as %(codec)s, which cannot be read."),
            code="not_video",
            params={"codec": video.codec.name if video.codec else "?"},
        )
    width, height = video.codec_context.width, video.codec_context.height
    if width < 2 or height < 2:
        raise _damaged()
    if width * height > settings.VIDEO_MAX_PIXELS:
        raise ValidationError(
            _(
                "The video is %(width)s × %(height)s pixels (%(pixels)s megapixels); the "
                "limit is %(limit)s megapixels."
            ),
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "pixels": _megapixels(width * height),
                "limit": _megapixels(settings.VIDEO_MAX_PIXELS),
            },
        )
    duration = duration_of(container, video)
    if duration is None:
        raise ValidationError(
            _(
                "The video's length cannot be read from the file: it may be incomplete, or a "
                "live recording saved without an index. Export it again (as MP4) and upload "
                "that."
            ),
            code="corrupt",
        )
    if duration > settings.VIDEO_MAX_SECONDS:
        raise ValidationError(
            _("The video lasts %(duration)s; the limit is %(limit)s (hours:minutes:seconds)."),
            code="too_long",
            params={
                "duration": clock(math.ceil(duration)),
                "limit": clock(settings.VIDEO_MAX_SECONDS),
            },
        )
    _check_start(container, video, audio)
    _check_end(container, video, audio, duration)
    return VideoInfo(
        width=display_width(video, width, height),
        height=height,
        duration=duration,
        frame_rate=float(average_rate(video) or 0),
        video_codec=video.codec_context.name,
        audio_codec=audio.codec_context.name if audio is not None else "",
        size=size,
        extension=_extension(container, head),
    )


def _streams(container):
    """The film's picture and sound streams; ``ValidationError`` for anything else in it."""
    pictures = [
        stream
        for stream in container.streams.video
        if not stream.disposition & av.stream.Disposition.attached_pic
    ]
    sounds = list(container.streams.audio)
    if not pictures:
        if sounds:
            raise ValidationError(
                _("The file holds only sound, no pictures: upload a video."), code="audio_only"
            )
        raise ValidationError(
            _("The file holds no pictures: upload an MP4, MOV, WebM or MKV film."),
            code="not_video",
        )
    video = pictures[0]
    audio = sounds[0] if sounds else None
    found = [_describe(stream) for stream in container.streams if stream not in (video, audio)]
    if found:
        raise ValidationError(
            _(
                "The video holds more than one picture stream and one sound track: %(found)s "
                "as well. Such hidden streams are refused; export the film again with its "
                "picture and sound only."
            ),
            code="extra_stream",
            params={"found": ", ".join(str(description) for description in found)},
        )
    return video, audio


def _describe(stream):
    codec = _codec_name(stream)
    if stream.type == "video":
        if stream.disposition & av.stream.Disposition.attached_pic:
            return _("an attached cover picture (%(codec)s)") % {"codec": codec}
        return _("a second picture stream (%(codec)s)") % {"codec": codec}
    if stream.type == "audio":
        return _("a second sound track (%(codec)s)") % {"codec": codec}
    if stream.type == "subtitle":
        return _("a subtitle stream (%(codec)s)") % {"codec": codec}
    if stream.type == "attachment":
        name = stream.metadata.get("filename")
        return _("an attached file (%(name)s)") % {"name": name} if name else _("an attached file")
    return _("a data stream (%(codec)s)") % {"codec": codec} if codec else _("a data stream")


def _codec_name(stream):
    """FFmpeg's name for the stream's codec, or ``""`` (data streams often have none)."""
    context = getattr(stream, "codec_context", None)
    if context is not None and context.name:
        return context.name
    codec = getattr(stream, "codec", None)
    return getattr(codec, "name", "") or ""


def _check_start(container, video, audio):
    """Decode the first pictures (and the first sound): a damaged file fails here."""
    pictures = sounds = packets = 0
    try:
        for packet in container.demux(*[s for s in (video, audio) if s is not None]):
            packets += 1
            if packet.is_corrupt:
                raise _damaged()
            if packet.stream is video:
                pictures += len(packet.decode())
            elif not sounds:
                sounds += len(packet.decode())
            if pictures >= FIRST_FRAMES and (sounds or audio is None):
                return
            if packets >= START_PACKETS:
                break
    except av.FFmpegError as error:
        logger.info("An upload's first pictures cannot be decoded: %s", error)
        raise _damaged() from None
    if not pictures:
        raise _damaged()
    if pictures == 1 and packets < START_PACKETS:
        raise ValidationError(
            _("The file holds a single picture, not a film: add it as an image."),
            code="not_video",
        )


def _check_end(container, video, audio, duration):
    """Read the end: decode a picture there, and check every packet up to the end.

    The file is read from the keyframe before its last second (up to a few seconds earlier),
    but only a couple of pictures are decoded there, however long the film: the other packets
    are only read. An upload cut short fails here: its index (at the front) lists packets the
    file no longer has, or its packets stop before the end it announces.
    """
    start = (container.start_time or 0) / av.time_base
    target = start + max(0.0, duration - END_SECONDS)
    pictures = 0
    last = start
    try:
        container.seek(int(target * av.time_base), backward=True, any_frame=False)
        for packet in container.demux(*[s for s in (video, audio) if s is not None]):
            if packet.is_corrupt:
                raise _incomplete()
            stamp = packet.pts if packet.pts is not None else packet.dts
            if stamp is not None and packet.time_base is not None:
                last = max(last, float((stamp + (packet.duration or 0)) * packet.time_base))
            if packet.stream is video and pictures < END_FRAMES:
                pictures += len(packet.decode())
    except av.FFmpegError as error:
        logger.info("An upload's last pictures cannot be decoded: %s", error)
        raise _incomplete() from None
    if not pictures or last - start < duration - _end_tolerance(video):
        raise _incomplete()


def _end_tolerance(video):
    """How much earlier than the announced end a whole file's packets may stop (seconds)."""
    return max(0.25, 2.5 / float(average_rate(video) or 25))


def _damaged():
    return ValidationError(
        _(
            "The video is damaged: its first pictures cannot be decoded. Export it again and "
            "upload that."
        ),
        code="corrupt",
    )


def _incomplete():
    return ValidationError(
        _(
            "The video is incomplete: the file stops before the end of the film (an upload or "
            "a copy that did not finish). Upload the whole file again."
        ),
        code="corrupt",
    )


def _extension(container, head):
    family = container.format.name.split(",")[0]
    if family == "mov":
        brand = container.metadata.get("major_brand", "").strip().lower()
        if brand == "qt":
            return "mov"
        return "3gp" if brand.startswith("3g") else "mp4"
    if family == "matroska":
        return "webm" if b"webm" in head else "mkv"
    return CONTAINERS.get(family, family)


def _megapixels(pixels):
    return number_format(round(Decimal(pixels) / 1_000_000, 1))
