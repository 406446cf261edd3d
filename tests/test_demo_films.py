"""The demo films are small real videos a browser plays: the right streams, size and length,
and pictures that move. Each film is made once for the whole module (a second or two each)."""

import array
import io
import math
from functools import cache

import av
import pytest

from missions.demo import films

SOUND = ["a_roll", "b_roll"]
ALL = [*SOUND, "timelapse"]
MAX_BYTES = 1_500_000


@cache
def film(name):
    return getattr(films, name)()


def opened(name):
    return av.open(io.BytesIO(film(name)))


@pytest.mark.parametrize("name", ALL)
def test_each_film_is_h264_720p_at_25_frames_a_second(name):
    with opened(name) as container:
        (video,) = container.streams.video
        assert video.codec_context.name == "h264"
        assert video.codec_context.pix_fmt == "yuv420p"
        assert (video.width, video.height) == (1280, 720)
        assert video.average_rate == 25


@pytest.mark.parametrize("name", ALL)
def test_each_film_lasts_four_to_six_seconds_and_is_small(name):
    with opened(name) as container:
        assert 4 <= container.duration / av.time_base <= 6
    assert len(film(name)) < MAX_BYTES


@pytest.mark.parametrize("name", SOUND)
def test_the_andromede_films_have_stereo_aac_sound(name):
    with opened(name) as container:
        (audio,) = container.streams.audio
        assert audio.codec_context.name == "aac"
        assert audio.layout.name == "stereo"


def test_the_timelapse_is_silent():
    with opened("timelapse") as container:
        assert not container.streams.audio
        assert len(container.streams.video) == 1


@pytest.mark.parametrize("name", ALL)
def test_every_frame_differs_from_the_one_before(name):
    with opened(name) as container:
        pictures = [bytes(frame.planes[0]) for frame in container.decode(video=0)]
    assert len(pictures) >= 100
    same = [
        number for number in range(1, len(pictures)) if pictures[number] == pictures[number - 1]
    ]
    assert same == []


def loudness(name):
    """The RMS level of the left and the right channel."""
    channels = (array.array("f"), array.array("f"))
    with opened(name) as container:
        for frame in container.decode(audio=0):
            for channel, plane in zip(channels, frame.planes, strict=True):
                channel.frombytes(bytes(plane)[: frame.samples * 4])
    return [math.sqrt(sum(v * v for v in channel) / len(channel)) for channel in channels]


def test_the_a_roll_has_split_audio_commentary_left_and_international_sound_right():
    left, right = loudness("a_roll")
    assert left > 1.4 * right > 0.01


def test_the_b_roll_has_the_same_international_sound_on_both_channels():
    left, right = loudness("b_roll")
    assert 0.01 < left < 1.3 * right and right < 1.3 * left


def test_a_film_is_the_same_bytes_every_time():
    films._undocking_scene.cache_clear()  # drawn again, not remembered
    assert films.timelapse() == film("timelapse")
