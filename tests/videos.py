"""Real, small videos made in memory with PyAV, for the video tests and the benchmarks.

Nothing here is committed as a binary or downloaded: every frame is drawn by Pillow (a moving
square and the frame's number, so consecutive frames differ) and encoded by FFmpeg through
PyAV; the sound is a 440 Hz sine tone. Encoders run at their fastest settings, so each helper
takes a few hundredths of a second at the default sizes.

Hidden extra streams, ``make_video(extra_stream=...)``:

- ``"video"``: a second, small video stream (any container);
- ``"subtitle"``: a text subtitle stream: ``mov_text`` in MP4/MOV, ``subrip`` in Matroska;
- ``"data"``: a data stream of a few opaque packets (``bin_data``; MP4 only, the one
  container FFmpeg writes such a stream into);
- ``"attachment"``: a (fake) font file attached to a Matroska file.
"""

import io
import math
import os
import random
import tempfile
from array import array
from fractions import Fraction

import av
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

SAMPLE_RATE = 48_000
AUDIO_FRAME = 1024
FASTSTART = {"movflags": "+faststart"}

# What each container is written with: (FFmpeg format, video encoder, audio encoder).
CONTAINERS = {
    "mp4": ("mp4", "libx264", "aac"),
    "mov": ("mov", "libx264", "aac"),
    "mkv": ("matroska", "libx264", "aac"),
    "webm": ("webm", "libvpx", "libopus"),
}
SUBTITLE_CODECS = {"mp4": "mov_text", "mov": "mov_text", "mkv": "subrip"}
# Text subtitle encoders take their styles from an ASS header (FFmpeg's default one, shortened).
ASS_HEADER = b"""[Script Info]
ScriptType: v4.00+
PlayResX: 384
PlayResY: 288

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, \
Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text

"""
HIDDEN_SIZE = (64, 48)


class Pictures:
    """The frames of a film: a moving square and the frame's number on a background.

    The background is flat grey, or with ``texture`` a panning picture of blurred noise, for
    benchmarks: about as hard to compress as filmed footage, where flat grey is far too easy.
    """

    def __init__(self, size, fps, texture=False):
        self.size = size
        self.fps = fps
        self.background = None
        if texture:
            width, height = size
            small = (width // 8 + 8, height // 8 + 2)
            noise = random.Random(1).randbytes(small[0] * small[1] * 3)
            blobs = Image.frombytes("RGB", small, noise).resize(
                (small[0] * 8, small[1] * 8), Image.Resampling.BICUBIC
            )
            self.background = blobs

    def image(self, index):
        width, height = self.size
        if self.background is None:
            image = Image.new("RGB", self.size, (40 + index * 7 % 160, 60, 90))
        else:
            shift = index % 64  # pans one pixel a frame
            image = self.background.crop((shift, 0, shift + width, height))
        draw = ImageDraw.Draw(image)
        side = max(4, min(width, height) // 4)
        x = int((width - side) * ((index / self.fps) % 1.0))
        y = (height - side) // 2
        draw.rectangle((x, y, x + side, y + side), fill=(250, 200, 40))
        draw.text((4, 4), str(index), fill=(255, 255, 255))
        return image

    def frame(self, index, time_base):
        frame = av.VideoFrame.from_image(self.image(index))
        frame.pts = index
        frame.time_base = time_base
        return frame


def tone(seconds, frequency=440.0):
    """Mono frames of a sine tone, ``AUDIO_FRAME`` samples each, for ``seconds``."""
    total = int(seconds * SAMPLE_RATE)
    step = 2 * math.pi * frequency / SAMPLE_RATE
    for start in range(0, total, AUDIO_FRAME):
        count = min(AUDIO_FRAME, total - start)
        samples = array("f", (0.3 * math.sin(step * i) for i in range(start, start + count)))
        frame = av.AudioFrame(format="flt", layout="mono", samples=count)
        frame.planes[0].update(samples.tobytes())
        frame.sample_rate = SAMPLE_RATE
        frame.pts = start
        frame.time_base = Fraction(1, SAMPLE_RATE)
        yield frame


def make_video(
    seconds=1.0,
    size=(320, 240),
    fps=10,
    audio=True,
    container="mp4",
    codec="h264",
    extra_stream=None,
    faststart=False,
    texture=False,
    live=False,
    pixel_aspect=None,
    path=None,
):
    """The bytes of a ``seconds`` long film of drawn frames, with a tone when ``audio``.

    ``container`` is "mp4", "mov", "mkv" or "webm" (VP8 and Opus: ``codec`` is then ignored);
    ``codec`` "h264" is libx264, anything else an FFmpeg encoder's name ("mpeg4"…);
    ``extra_stream`` adds a hidden stream (see the module docstring); ``faststart`` puts the
    MP4 index (moov) at the front, as web tools do; ``live`` (WebM, MKV) writes the file as a
    browser's MediaRecorder does, without its length; ``texture`` draws on a detailed
    background (benchmarks); ``pixel_aspect`` (a ``Fraction``) makes pixels non-square, as
    in anamorphic DV. With ``path`` the film is written there and its path returned.
    """
    settings = (seconds, size, fps, audio, container, codec, extra_stream, texture, pixel_aspect)
    if path is not None or faststart:
        # FFmpeg moves the index to the front by reading the file back: it needs a real file.
        with tempfile.TemporaryDirectory() as folder:
            target = path or os.path.join(folder, f"video.{container}")
            with av.open(target, "w", **_open_options(container, faststart, live)) as output:
                _write(output, *settings)
            if path is not None:
                return path
            with open(target, "rb") as file:
                return file.read()
    buffer = io.BytesIO()
    with av.open(buffer, "w", **_open_options(container, faststart, live)) as output:
        _write(output, *settings)
    return buffer.getvalue()


def _open_options(container, faststart, live):
    options = {}
    if faststart:
        options.update(FASTSTART)
    if live:
        options["live"] = "1"
    return {"format": CONTAINERS[container][0], "options": options}


def _video_stream(output, codec, size, fps):
    stream = output.add_stream(codec, rate=Fraction(fps).limit_denominator(1001))
    stream.width, stream.height = size
    stream.pix_fmt = "yuv420p"
    if codec == "libx264":
        stream.codec_context.options = {"preset": "ultrafast"}
    elif codec in ("libvpx", "libvpx-vp9"):
        stream.codec_context.options = {"deadline": "realtime", "cpu-used": "8"}
    return stream


def _write(
    output, seconds, size, fps, audio, container, codec, extra_stream, texture, pixel_aspect
):
    _, video_codec, audio_codec = CONTAINERS[container]
    if container != "webm" and codec not in ("h264", "libx264"):
        video_codec = codec
    video = _video_stream(output, video_codec, size, fps)
    if pixel_aspect is not None:
        video.codec_context.sample_aspect_ratio = pixel_aspect
    sound = None
    if audio:
        sound = output.add_stream(audio_codec, rate=SAMPLE_RATE)
        sound.layout = "mono"
    hidden = None
    if extra_stream == "video":
        hidden = _video_stream(output, video_codec, HIDDEN_SIZE, fps)
    elif extra_stream == "subtitle":
        hidden = output.add_stream(SUBTITLE_CODECS[container])
        hidden.codec_context.subtitle_header = ASS_HEADER
        hidden.time_base = Fraction(1, 1000)
    elif extra_stream == "data":
        hidden = output.add_data_stream("bin_data")
    elif extra_stream == "attachment":
        output.add_attachment("font.ttf", "font/ttf", b"\x00\x01\x00\x00" + bytes(60))
    elif extra_stream is not None:
        raise ValueError(f"unknown extra stream {extra_stream!r}")

    frame_time = 1 / Fraction(fps).limit_denominator(1001)
    pictures = Pictures(size, fps, texture)
    small = Pictures(HIDDEN_SIZE, fps)
    samples = tone(seconds) if sound else iter(())
    pending = next(samples, None)
    for index in range(max(1, round(seconds * fps))):
        output.mux(video.encode(pictures.frame(index, frame_time)))
        if extra_stream == "video":
            output.mux(hidden.encode(small.frame(index, frame_time)))
        # Interleave the sound with the pictures, as a camera does.
        while pending is not None and pending.time < (index + 1) * frame_time:
            output.mux(sound.encode(pending))
            pending = next(samples, None)
    output.mux(video.encode(None))
    if extra_stream == "video":
        output.mux(hidden.encode(None))
    if sound is not None:
        while pending is not None:
            output.mux(sound.encode(pending))
            pending = next(samples, None)
        output.mux(sound.encode(None))
    if extra_stream == "subtitle":
        _write_subtitle(output, hidden, seconds)
    elif extra_stream == "data":
        for index in range(3):
            _mux_packet(output, hidden, av.Packet(b"hidden %d" % index), index * 100, 100)


def _mux_packet(output, stream, packet, pts, duration):
    packet.stream = stream
    packet.time_base = Fraction(1, 1000)
    packet.pts = packet.dts = pts
    packet.duration = duration
    output.mux(packet)


def _write_subtitle(output, stream, seconds):
    end = int(seconds * 1000)
    text = b"0,0,Default,,0,0,0,,Hidden words"
    subtitle = av.subtitles.subtitle.SubtitleSet.create(text, 0, end, pts=0)
    _mux_packet(output, stream, stream.codec_context.encode_subtitle(subtitle), 0, end)


SOUND_FORMATS = {"mp3": ("mp3", "libmp3lame"), "wav": ("wav", "pcm_s16le")}


def make_audio_only(seconds=1.0, container="mp4"):
    """A file holding nothing but a tone: a sound recording, no picture.

    ``container`` is one of ``make_video``'s, or "mp3" or "wav".
    """
    buffer = io.BytesIO()
    if container in SOUND_FORMATS:
        format_name, audio_codec = SOUND_FORMATS[container]
    else:
        format_name, _, audio_codec = CONTAINERS[container]
    with av.open(buffer, "w", format=format_name) as output:
        sound = output.add_stream(audio_codec, rate=SAMPLE_RATE)
        sound.layout = "mono"
        for frame in tone(seconds):
            output.mux(sound.encode(frame))
        output.mux(sound.encode(None))
    return buffer.getvalue()


def truncated(data, keep=0.5):
    """The first ``keep`` part of ``data``: an upload cut off in the middle."""
    return data[: int(len(data) * keep)]


def jpeg(size=(320, 240)):
    buffer = io.BytesIO()
    Pictures(size, 10).image(0).save(buffer, "JPEG")
    return buffer.getvalue()


def png(size=(320, 240)):
    buffer = io.BytesIO()
    Pictures(size, 10).image(0).save(buffer, "PNG")
    return buffer.getvalue()


def uploaded(data, name="clip.mp4", content_type="video/mp4"):
    """An upload as the editor's form receives it (in memory)."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def write(folder, data, name="source.mp4"):
    """Write ``data`` as ``name`` in ``folder`` (a ``pathlib.Path``); return its path, a str."""
    path = folder / name
    path.write_bytes(data)
    return str(path)
