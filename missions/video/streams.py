"""What judging an upload and making renditions share: the containers FFmpeg may open, and
how a film's length, frame rate and displayed width are read from it."""

from fractions import Fraction

import av

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


def duration_of(container, video):
    """The film's length in seconds, or ``None`` when the file does not say."""
    if container.duration and container.duration > 0:
        return container.duration / av.time_base
    if video.duration and video.time_base:
        return float(video.duration * video.time_base)
    return None


def average_rate(stream):
    for rate in (stream.average_rate, stream.guessed_rate, stream.base_rate):
        if rate and 0 < rate < 1000:
            return Fraction(rate)
    return None


def display_width(stream, width, height):
    """The width a player shows: pixels may be non-square (anamorphic DV, some DVDs)."""
    aspect = stream.sample_aspect_ratio or stream.codec_context.sample_aspect_ratio
    if not aspect or aspect <= 0:
        return width
    return max(2, round(width * aspect))


def clock(seconds):
    """``5025`` → ``"1:23:45"``."""
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"
