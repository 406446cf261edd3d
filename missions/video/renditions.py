"""Renditions of a video with PyAV (FFmpeg), made in a background job: H.264/AAC MP4 files,
one decoding pass feeding one encoder per rendition height (never upscaled), and posters."""

import contextlib
import logging
import math
import os
import time
from dataclasses import dataclass
from fractions import Fraction

import av
from django.utils.translation import gettext_lazy as _

from .streams import OPEN_OPTIONS, average_rate, clock, display_width, duration_of

logger = logging.getLogger(__name__)


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
class Rendition:
    """An MP4 written by :func:`transcode`."""

    height: int
    width: int
    path: str
    size: int  # bytes


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
        self.duration = duration_of(source, self.video) or 0.0
        self.start = (source.start_time or 0) / av.time_base
        rate = average_rate(self.video) or Fraction(25)
        self.rate = min(rate.limit_denominator(1001), Fraction(MAX_FRAME_RATE))
        self.time_base = 1 / self.rate
        self.progress = progress
        self.widths = []
        self.streams = []  # (output, picture stream, sound stream or None) per target
        source_height = self.video.codec_context.height
        shown_width = display_width(self.video, self.video.codec_context.width, source_height)
        for height, path in targets:
            width = _even(round(height * shown_width / source_height))
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
            % {"time": clock(self.decoded), "reason": reason}
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
        duration = duration_of(source, video) or 0.0
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
        width = display_width(video, chosen.width, chosen.height)
        return chosen.reformat(width, chosen.height, format="rgb24").to_image()
