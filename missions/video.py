"""Everything the archive does with PyAV (FFmpeg): judging video uploads, renditions, posters.

An upload is judged by what FFmpeg reads in it, never by its name or the browser's content
type, and judging must stay quick whatever the film's length (the editor waits for it): the
file is opened, its streams are checked against the configured limits, its first pictures are
decoded, then it is read again near its end, which finds an upload cut short. Only one
picture stream and at most one sound track are accepted: anything else in the file (a second
picture, subtitles, data, attached files) is refused rather than stored unseen.

Renditions are H.264/AAC MP4 files, made in a background job by :func:`transcode`: one
decoding pass feeds one encoder per rendition height, never upscaled.
"""

import contextlib
import logging
import math
import os
import time
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import av
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .images import check_upload_size

logger = logging.getLogger(__name__)

# The demuxers FFmpeg may try on an upload (its format_whitelist): film containers only.
# Without a list, FFmpeg would also read playlists (HLS, concat) that make it open other
# files or URLs, and would happily read still images as one-picture videos.
CONTAINERS = {
    "mov": "mp4",  # FFmpeg's "mov,mp4,m4a,3gp,3g2,mj2": MP4 or QuickTime, told by its brand
    "matroska": "mkv",  # "matroska,webm": told apart by the DocType in the header
    "avi": "avi",
    "mpegts": "ts",  # camcorders (AVCHD)
    "mpeg": "mpg",
    "ogg": "ogv",
    "asf": "wmv",
    "flv": "flv",
}
# Sound-only formats are read too, to tell an editor that a recording has no pictures.
SOUND_CONTAINERS = ("mp3", "wav", "flac", "aac")
OPEN_OPTIONS = {
    "format_whitelist": ",".join((*CONTAINERS, *SOUND_CONTAINERS)),
    "protocol_whitelist": "file",
}

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

RENDITION_HEIGHTS = (720, 1080)
MAX_FRAME_RATE = 60
VIDEO_OPTIONS = {"preset": "veryfast", "crf": "23"}
AUDIO_RATE = 48_000
AUDIO_BIT_RATE = 128_000
AUDIO_LAYOUT = "stereo"
FASTSTART = {"movflags": "+faststart"}  # the index first: browsers play before the download ends
PROGRESS_INTERVAL = 1.0  # seconds between two progress calls


class VideoError(Exception):
    """A video that cannot be made into renditions; ``str()`` says why, for editors."""


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


@dataclass(frozen=True)
class Rendition:
    """An MP4 written by :func:`transcode`."""

    height: int
    width: int
    path: str
    size: int  # bytes


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
    duration = _duration(container, video)
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
                "duration": _clock(math.ceil(duration)),
                "limit": _clock(settings.VIDEO_MAX_SECONDS),
            },
        )
    _check_start(container, video, audio)
    _check_end(container, video, audio, duration)
    return VideoInfo(
        width=_display_width(video, width, height),
        height=height,
        duration=duration,
        frame_rate=float(_average_rate(video) or 0),
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
    return max(0.25, 2.5 / float(_average_rate(video) or 25))


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


def _duration(container, video):
    """The film's length in seconds, or ``None`` when the file does not say."""
    if container.duration and container.duration > 0:
        return container.duration / av.time_base
    if video.duration and video.time_base:
        return float(video.duration * video.time_base)
    return None


def _average_rate(stream):
    for rate in (stream.average_rate, stream.guessed_rate, stream.base_rate):
        if rate and 0 < rate < 1000:
            return Fraction(rate)
    return None


def _display_width(stream, width, height):
    """The width a player shows: pixels may be non-square (anamorphic DV, some DVDs)."""
    aspect = stream.sample_aspect_ratio or stream.codec_context.sample_aspect_ratio
    if not aspect or aspect <= 0:
        return width
    return max(2, round(width * aspect))


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


def _clock(seconds):
    """``5025`` → ``"1:23:45"``."""
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


# --- renditions --------------------------------------------------------------------------------


def rendition_heights(source_height):
    """The heights to make, never upscaling: the source's own when it is below 720."""
    heights = tuple(height for height in RENDITION_HEIGHTS if height <= source_height)
    return heights or (max(2, source_height - source_height % 2),)


def transcode(source_path, targets, progress=None):
    """Make an H.264/AAC MP4 for each ``(height, output_path)`` of ``targets``.

    The source is decoded once; each picture is scaled and encoded for every target. Sound is
    made stereo AAC at 48 kHz (a film without sound gets renditions without sound).
    ``progress(fraction)`` is called about once a second and with 1.0 once the files are
    written; whatever it raises stops the work. On any failure the outputs written so far are
    deleted; a source that cannot be opened or decoded raises :class:`VideoError`.
    """
    targets = [(_even(height), str(path)) for height, path in targets]
    outputs = []
    try:
        with _open_source(source_path) as source:
            job = _Transcoding(source, targets, outputs, progress)
            job.run()
        for output in outputs:
            output.close()  # writes the index, then moves it to the front (faststart)
        renditions = [
            Rendition(height=height, width=width, path=path, size=os.path.getsize(path))
            for (height, path), width in zip(targets, job.widths, strict=True)
        ]
        if progress is not None:
            progress(1.0)
        return renditions
    except BaseException:
        for output in outputs:
            try:
                output.close()
            except Exception:  # a half-written file may not close cleanly; it is deleted
                logger.debug("Closing a failed rendition", exc_info=True)
        for _height, path in targets:
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
        raise


def _open_source(path):
    try:
        return av.open(str(path), options=OPEN_OPTIONS)
    except FileNotFoundError:
        raise
    except av.FFmpegError as error:
        logger.info("FFmpeg cannot open %s: %s", path, error)
        raise VideoError(str(_("The file cannot be read as a video."))) from error


def _even(number):
    return max(2, int(number) - int(number) % 2)


def _film_stream(container):
    """The film's picture stream: the first video stream that is not a cover picture."""
    pictures = [
        stream
        for stream in container.streams.video
        if not stream.disposition & av.stream.Disposition.attached_pic
    ]
    if not pictures:
        raise VideoError(str(_("The file holds no pictures.")))
    return pictures[0]


class _Transcoding:
    """One pass over a source, feeding an encoder (and a sound encoder) per rendition."""

    def __init__(self, source, targets, outputs, progress):
        self.source = source
        self.video = _film_stream(source)
        self.audio = source.streams.audio[0] if source.streams.audio else None
        self.video.thread_type = "AUTO"  # frame threads: several pictures decoded at once
        self.duration = _duration(source, self.video) or 0.0
        self.start = (source.start_time or 0) / av.time_base
        rate = _average_rate(self.video) or Fraction(25)
        self.rate = min(rate.limit_denominator(1001), Fraction(MAX_FRAME_RATE))
        self.time_base = 1 / self.rate
        self.progress = progress
        self.widths = []
        self.streams = []  # (output, picture stream, sound stream or None) per target
        source_height = self.video.codec_context.height
        display_width = _display_width(self.video, self.video.codec_context.width, source_height)
        for height, path in targets:
            width = _even(round(height * display_width / source_height))
            output = av.open(path, "w", format="mp4", options=FASTSTART)
            outputs.append(output)
            picture = output.add_stream("libx264", rate=self.rate)
            picture.width, picture.height = width, height
            picture.pix_fmt = "yuv420p"
            picture.codec_context.options = dict(VIDEO_OPTIONS)
            # Frame threads, as the ffmpeg command uses (PyAV's default, slices, compresses
            # a little worse); x264 picks the number of threads.
            picture.codec_context.thread_type = "FRAME"
            sound = None
            if self.audio is not None:
                sound = output.add_stream("aac", rate=AUDIO_RATE)
                sound.layout = AUDIO_LAYOUT
                sound.bit_rate = AUDIO_BIT_RATE
            self.widths.append(width)
            self.streams.append((output, picture, sound))
        self.resampler = None
        if self.audio is not None:
            self.resampler = av.AudioResampler(
                format="fltp", layout=AUDIO_LAYOUT, rate=AUDIO_RATE, frame_size=1024
            )
        self.last_pts = -1  # of the last picture encoded, in frames
        self.samples = None  # sound samples encoded so far (48 kHz)
        self.decoded = 0.0  # seconds of film decoded
        self.reported = time.monotonic()

    def run(self):
        for stream, frame in self._decoded():
            if stream is self.video:
                self._picture(frame)
            else:
                self._sound(frame)
            self._report()
        if self.resampler is not None:
            for frame in self.resampler.resample(None):
                self._encode_sound(frame)
        if self.last_pts < 0:
            raise VideoError(str(_("The video holds no picture that can be decoded.")))
        if self.decoded < self.duration - 0.5:
            raise self._error(_("the file stops before the end of the film"))
        for output, picture, sound in self.streams:
            output.mux(picture.encode(None))
            if sound is not None:
                output.mux(sound.encode(None))

    def _decoded(self):
        """``(stream, frame)`` in the file's order; :class:`VideoError` when decoding fails
        (encoding errors, raised where the frames are used, are not caught here).
        """
        streams = [stream for stream in (self.video, self.audio) if stream is not None]
        try:
            for packet in self.source.demux(*streams):
                if packet.is_corrupt:
                    raise self._error(_("part of the file is missing or damaged"))
                for frame in packet.decode():
                    yield packet.stream, frame
        except av.FFmpegError as error:
            logger.info("Decoding failed at %.1f s: %s", self.decoded, error)
            raise self._error(_("the file is damaged or incomplete there")) from None

    def _error(self, reason):
        return VideoError(
            _("The video cannot be decoded after %(time)s: %(reason)s.")
            % {"time": _clock(self.decoded), "reason": reason}
        )

    def _picture(self, frame):
        if frame.time is None:
            seconds = (self.last_pts + 1) * float(self.time_base)
        else:
            seconds = max(0.0, frame.time - self.start)
        self.decoded = max(self.decoded, seconds + float(self.time_base))
        # The nearest output frame, ties going to the earlier one: from a 120 fps source, every
        # other picture lands on the same frame as the one before it and is dropped.
        pts = math.ceil(seconds * self.rate - Fraction(1, 2))
        if pts <= self.last_pts:  # above the frame-rate cap, or a repeated timestamp
            return
        self.last_pts = pts
        for output, picture, _sound in self.streams:
            scaled = frame.reformat(picture.width, picture.height, format="yuv420p")
            scaled.pts = pts
            scaled.time_base = self.time_base
            output.mux(picture.encode(scaled))

    def _sound(self, frame):
        if frame.time is not None:
            seconds = frame.time - self.start
            self.decoded = max(self.decoded, seconds + frame.samples / frame.sample_rate)
            if self.samples is None:  # a sound track that starts late is placed where it starts
                self.samples = max(0, round(seconds * AUDIO_RATE))
        for resampled in self.resampler.resample(frame):
            self._encode_sound(resampled)

    def _encode_sound(self, frame):
        frame.pts = self.samples or 0
        frame.time_base = Fraction(1, AUDIO_RATE)
        self.samples = (self.samples or 0) + frame.samples
        for output, _picture, sound in self.streams:
            output.mux(sound.encode(frame))

    def _report(self):
        if self.progress is None:
            return
        now = time.monotonic()
        if now - self.reported >= PROGRESS_INTERVAL:
            self.reported = now
            fraction = self.decoded / self.duration if self.duration else 0.0
            self.progress(min(1.0, max(0.0, fraction)))


# --- posters -----------------------------------------------------------------------------------


def poster_frame(source_path, at=None):
    """An RGB Pillow image of the picture shown at ``at`` seconds (by default 10 % into the
    film, at most 5 s in; the first picture of a film shorter than a second).
    """
    with _open_source(source_path) as source:
        video = _film_stream(source)
        duration = _duration(source, video) or 0.0
        if at is None:
            at = min(duration * 0.1, 5.0) if duration >= 1.0 else 0.0
        start = (source.start_time or 0) / av.time_base
        chosen = None
        try:
            if at > 0:
                source.seek(int((start + at) * av.time_base), backward=True, any_frame=False)
            for frame in source.decode(video):
                if chosen is not None and frame.time is not None and frame.time - start > at:
                    break
                chosen = frame
                if frame.time is not None and frame.time - start >= at:
                    break
        except av.FFmpegError as error:  # past the picture wanted: keep the last one decoded
            logger.info("Decoding a poster of %s failed: %s", source_path, error)
        if chosen is None:
            raise VideoError(str(_("The video holds no picture that can be decoded.")))
        width = _display_width(video, chosen.width, chosen.height)
        return chosen.reformat(width, chosen.height, format="rgb24").to_image()
