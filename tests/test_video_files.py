"""Video uploads are judged by what FFmpeg decodes; renditions and posters are real files.

Every film here is made in memory by tests/videos.py: no binary is committed or downloaded.
These are file tests: no database.
"""

import io
import os
from fractions import Fraction

import av
import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db.models import FileField
from django.db.models.fields.files import FieldFile

from missions.video import (
    Rendition,
    VideoError,
    VideoInfo,
    inspect_video,
    poster_frame,
    rendition_heights,
    transcode,
)
from missions.video import renditions as video_renditions

from . import videos


def refusal(data, name="clip.mp4"):
    """The ValidationError ``inspect_video`` raises for ``data``, checking the file is rewound."""
    upload = videos.uploaded(data, name)
    with pytest.raises(ValidationError) as caught:
        inspect_video(upload)
    assert upload.tell() == 0
    return caught.value


def message(error):
    return " ".join(error.messages)


def streams(path):
    """``[(kind, codec, width or rate, height or layout)]`` of a written file, and its format."""
    with av.open(path) as container:
        found = []
        for stream in container.streams:
            context = stream.codec_context
            if stream.type == "video":
                found.append(("video", context.name, context.width, context.height))
            else:
                found.append((stream.type, context.name, context.sample_rate, context.layout.name))
        return container.format.name, container.duration / av.time_base, found


# --- accepted uploads --------------------------------------------------------------------------


def test_an_mp4_with_sound_is_accepted_and_described():
    upload = videos.uploaded(videos.make_video(seconds=1.0, size=(320, 240), fps=10))

    info = inspect_video(upload)

    assert info == VideoInfo(
        width=320,
        height=240,
        duration=pytest.approx(1.0, abs=0.05),
        frame_rate=10.0,
        video_codec="h264",
        audio_codec="aac",
        size=upload.size,
        extension="mp4",
    )
    assert info.has_audio
    assert upload.tell() == 0


def test_an_mp4_without_sound_is_accepted():
    info = inspect_video(videos.uploaded(videos.make_video(audio=False)))

    assert (info.video_codec, info.audio_codec, info.has_audio) == ("h264", "", False)


@pytest.mark.parametrize(
    ("container", "extension", "codecs"),
    [
        ("webm", "webm", ("vp8", "opus")),
        ("mkv", "mkv", ("h264", "aac")),
        ("mov", "mov", ("h264", "aac")),
    ],
)
def test_webm_mkv_and_mov_films_are_accepted_and_keep_their_extension(container, extension, codecs):
    data = videos.make_video(container=container)

    info = inspect_video(videos.uploaded(data, f"clip.{container}"))

    assert (info.extension, info.video_codec, info.audio_codec) == (extension, *codecs)
    assert (info.width, info.height) == (320, 240)


def test_an_mp4_with_its_index_at_the_front_is_accepted():
    info = inspect_video(videos.uploaded(videos.make_video(faststart=True)))

    assert info.duration == pytest.approx(1.0, abs=0.05)


def test_a_film_of_non_square_pixels_is_measured_as_shown():
    data = videos.make_video(size=(320, 240), pixel_aspect=Fraction(2, 1))

    info = inspect_video(videos.uploaded(data))

    assert (info.width, info.height) == (640, 240)


def test_the_name_does_not_matter_only_the_content():
    info = inspect_video(videos.uploaded(videos.make_video(), "holiday.txt", "text/plain"))

    assert info.extension == "mp4"


def test_a_large_upload_is_read_from_its_temporary_file():
    data = videos.make_video()
    upload = TemporaryUploadedFile("clip.mp4", "video/mp4", len(data), None)
    upload.write(data)
    upload.seek(0)

    info = inspect_video(upload)

    assert (info.width, info.height, info.size) == (320, 240, len(data))
    assert upload.tell() == 0
    upload.close()


def test_an_open_file_is_inspected_too(tmp_path):
    path = videos.write(tmp_path, videos.make_video(audio=False))

    with open(path, "rb") as handle:
        info = inspect_video(File(handle, name="clip.mp4"))

    assert info.audio_codec == ""


def test_a_stored_file_is_inspected_too(tmp_path):
    videos.write(tmp_path, videos.make_video(), "clip.mp4")
    field = FileField(storage=FileSystemStorage(location=tmp_path))
    stored = FieldFile(None, field, "clip.mp4")

    info = inspect_video(stored)

    assert (info.size, info.audio_codec) == (stored.size, "aac")
    stored.close()


# --- refused uploads ---------------------------------------------------------------------------


def test_an_empty_file_is_refused():
    error = refusal(b"")

    assert error.code == "empty"
    assert message(error) == "The file is empty."


def test_a_text_file_is_refused_as_not_a_video():
    error = refusal(b"Mission log, day 12: all systems nominal.\n" * 50, "log.mp4")

    assert error.code == "not_video"
    assert "not a video" in message(error)


@pytest.mark.parametrize("image", [videos.jpeg, videos.png])
def test_a_still_image_is_refused_as_not_a_video(image):
    error = refusal(image(), "photo.mp4")

    assert error.code == "not_video"
    assert "still image, not a video" in message(error)


def test_a_film_of_one_picture_is_refused_as_not_a_video():
    error = refusal(videos.make_video(seconds=0.1, fps=10, audio=False))

    assert error.code == "not_video"
    assert "single picture" in message(error)


@pytest.mark.parametrize("container", ["mp4", "mp3", "wav"])
def test_a_sound_recording_is_refused(container):
    error = refusal(videos.make_audio_only(container=container), f"talk.{container}")

    assert error.code == "audio_only"
    assert "only sound" in message(error)


@pytest.mark.parametrize(
    ("options", "description"),
    [
        ({"faststart": False}, "index at the end, never written"),
        ({"faststart": True}, "index at the front, pictures missing"),
        ({"container": "mkv"}, "Matroska"),
        ({"container": "webm"}, "WebM"),
    ],
)
def test_an_upload_cut_in_the_middle_is_refused_as_incomplete(options, description):
    error = refusal(videos.truncated(videos.make_video(seconds=3, **options)))

    assert error.code == "corrupt", description
    assert "incomplete" in message(error)


def test_an_upload_missing_only_its_last_second_is_refused_as_incomplete():
    data = videos.make_video(seconds=10, fps=10, faststart=True)

    error = refusal(videos.truncated(data, keep=0.95))

    assert error.code == "corrupt"
    assert "incomplete" in message(error)


def test_a_recording_that_does_not_say_how_long_it_is_is_refused():
    error = refusal(videos.make_video(container="webm", live=True), "recording.webm")

    assert error.code == "corrupt"
    assert "length cannot be read" in message(error)


def test_a_film_over_the_time_limit_is_refused(settings):
    settings.VIDEO_MAX_SECONDS = 2

    error = refusal(videos.make_video(seconds=2.6, audio=False))

    assert error.code == "too_long"
    assert message(error) == (
        "The video lasts 0:00:03; the limit is 0:00:02 (hours:minutes:seconds)."
    )


def test_a_film_at_the_time_limit_is_accepted(settings):
    settings.VIDEO_MAX_SECONDS = 1

    assert inspect_video(videos.uploaded(videos.make_video(seconds=1.0))).duration <= 1


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.VIDEO_MAX_UPLOAD_BYTES = 1000

    error = refusal(b"\x00" * 1500)  # not even a video: the size is checked first

    assert error.code == "too_big"
    assert message(error) == "The file is 1.5\xa0KB; the limit is 1000\xa0bytes."


def test_a_film_with_too_many_pixels_is_refused(settings):
    settings.VIDEO_MAX_PIXELS = 320 * 240 - 1

    error = refusal(videos.make_video(size=(320, 240)))

    assert error.code == "too_many_pixels"
    assert "320 × 240 pixels" in message(error)
    assert "the limit is 0.1 megapixels" in message(error)


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"extra_stream": "video"}, "a second picture stream (h264)"),
        ({"extra_stream": "subtitle"}, "a subtitle stream (mov_text)"),
        ({"extra_stream": "subtitle", "container": "mkv"}, "a subtitle stream"),
        ({"extra_stream": "data"}, "a data stream as well"),
        ({"extra_stream": "attachment", "container": "mkv"}, "an attached file (font.ttf)"),
    ],
)
def test_a_hidden_second_stream_is_refused_and_named(options, named):
    error = refusal(videos.make_video(**options))

    assert error.code == "extra_stream"
    assert named in message(error)


def test_a_second_sound_track_is_refused():
    error = refusal(_two_sound_tracks())

    assert error.code == "extra_stream"
    assert "a second sound track (aac)" in message(error)


def _two_sound_tracks():
    """A film with two sound tracks (of the same tone): tests/videos.py makes at most one."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as output:
        picture = output.add_stream("libx264", rate=10)
        picture.width, picture.height, picture.pix_fmt = 64, 48, "yuv420p"
        sounds = [output.add_stream("aac", rate=videos.SAMPLE_RATE) for _ in range(2)]
        pictures = videos.Pictures((64, 48), 10)
        for index in range(10):
            output.mux(picture.encode(pictures.frame(index, Fraction(1, 10))))
        output.mux(picture.encode(None))
        for sound in sounds:
            for frame in videos.tone(1.0):
                output.mux(sound.encode(frame))
            output.mux(sound.encode(None))
    return buffer.getvalue()


# --- renditions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_height", "heights"),
    [
        (2160, (720, 1080)),
        (1080, (720, 1080)),
        (1000, (720,)),
        (720, (720,)),
        (480, (480,)),
        (241, (240,)),
    ],
)
def test_renditions_are_never_upscaled(source_height, heights):
    assert rendition_heights(source_height) == heights


def test_a_1080_film_is_made_into_720_and_1080_renditions(tmp_path):
    source = videos.write(tmp_path, videos.make_video(seconds=0.5, size=(1920, 1080), fps=10))
    targets = [(height, str(tmp_path / f"{height}.mp4")) for height in rendition_heights(1080)]

    renditions = transcode(source, targets)

    assert [(r.height, r.width) for r in renditions] == [(720, 1280), (1080, 1920)]
    for rendition, (height, path) in zip(renditions, targets, strict=True):
        assert rendition == Rendition(height, rendition.width, path, os.path.getsize(path))
        container, duration, found = streams(path)
        assert container.startswith("mov,mp4")
        assert duration == pytest.approx(0.5, abs=0.1)
        assert found == [
            ("video", "h264", rendition.width, height),
            ("audio", "aac", 48_000, "stereo"),
        ]


def test_renditions_have_their_index_at_the_front_for_streaming(tmp_path):
    source = videos.write(tmp_path, videos.make_video())
    path = str(tmp_path / "240.mp4")

    transcode(source, [(240, path)])

    with open(path, "rb") as rendition:
        head = rendition.read()
    assert head.index(b"moov") < head.index(b"mdat")


def test_a_480_film_gets_one_rendition_at_its_own_height(tmp_path):
    source = videos.write(tmp_path, videos.make_video(size=(640, 480), fps=10))
    targets = [(height, str(tmp_path / f"{height}.mp4")) for height in rendition_heights(480)]

    (rendition,) = transcode(source, targets)

    assert (rendition.height, rendition.width) == (480, 640)
    assert streams(rendition.path)[2][0] == ("video", "h264", 640, 480)


def test_a_rendition_width_keeps_the_proportions_and_is_even(tmp_path):
    source = videos.write(tmp_path, videos.make_video(size=(334, 240), audio=False))

    (rendition,) = transcode(source, [(120, str(tmp_path / "small.mp4"))])

    assert (rendition.width, rendition.height) == (166, 120)  # 167 made even


def test_renditions_of_non_square_pixels_are_made_square(tmp_path):
    data = videos.make_video(size=(320, 240), pixel_aspect=Fraction(2, 1), audio=False)
    source = videos.write(tmp_path, data)

    (rendition,) = transcode(source, [(240, str(tmp_path / "240.mp4"))])

    assert (rendition.width, rendition.height) == (640, 240)
    assert poster_frame(source).size == (640, 240)


def test_a_silent_film_gets_silent_renditions(tmp_path):
    source = videos.write(tmp_path, videos.make_video(audio=False))

    (rendition,) = transcode(source, [(240, str(tmp_path / "240.mp4"))])

    assert [kind for kind, *_ in streams(rendition.path)[2]] == ["video"]


def test_the_frame_rate_is_kept_up_to_60(tmp_path):
    source = videos.write(tmp_path, videos.make_video(seconds=0.5, size=(64, 48), fps=120))

    (rendition,) = transcode(source, [(48, str(tmp_path / "48.mp4"))])

    with av.open(rendition.path) as container:
        stream = container.streams.video[0]
        assert stream.average_rate == 60
        assert sum(1 for _ in container.decode(stream)) == 30


def test_progress_is_reported_and_ends_at_one(tmp_path, monkeypatch):
    monkeypatch.setattr(video_renditions, "PROGRESS_INTERVAL", 0)  # report after every packet
    source = videos.write(tmp_path, videos.make_video(seconds=1.0))
    reported = []

    transcode(source, [(240, str(tmp_path / "240.mp4"))], progress=reported.append)

    assert len(reported) > 2
    assert reported == sorted(reported)
    assert 0 <= reported[0] < 1
    assert reported[-1] == 1.0


class Cancelled(Exception):
    pass


@pytest.mark.parametrize("interval", [0, 1.0], ids=["midway", "at the end"])
def test_a_progress_callback_that_raises_stops_the_work_and_leaves_no_file(
    tmp_path, monkeypatch, interval
):
    monkeypatch.setattr(video_renditions, "PROGRESS_INTERVAL", interval)
    source = videos.write(tmp_path, videos.make_video())

    def cancel(fraction):
        raise Cancelled

    with pytest.raises(Cancelled):
        transcode(
            source, [(240, str(tmp_path / "240.mp4")), (120, str(tmp_path / "120.mp4"))], cancel
        )

    assert os.listdir(tmp_path) == ["source.mp4"]


@pytest.mark.parametrize("options", [{"faststart": True}, {"container": "mkv"}])
def test_a_film_that_fails_midway_raises_video_error_and_leaves_no_file(tmp_path, options):
    data = videos.truncated(videos.make_video(seconds=3, **options))
    source = videos.write(tmp_path, data)

    with pytest.raises(VideoError) as caught:
        transcode(source, [(240, str(tmp_path / "240.mp4")), (120, str(tmp_path / "120.mp4"))])

    assert "cannot be decoded after 0:00:0" in str(caught.value)
    assert os.listdir(tmp_path) == ["source.mp4"]


# --- posters -----------------------------------------------------------------------------------


def background_red(image):
    """The red of the film's background at the bottom right: ``40 + 7 × frame number``."""
    return image.getpixel((image.width - 4, image.height - 4))[0]


def test_the_poster_is_an_rgb_picture_of_the_film_size(tmp_path):
    source = videos.write(tmp_path, videos.make_video(seconds=3, size=(320, 240), fps=10))

    poster = poster_frame(source)

    assert (poster.mode, poster.size) == ("RGB", (320, 240))
    assert background_red(poster) == pytest.approx(40 + 7 * 3, abs=6)  # 10 % in: frame 3


def test_the_poster_can_be_taken_at_a_given_time(tmp_path):
    source = videos.write(tmp_path, videos.make_video(seconds=3, fps=10))

    assert background_red(poster_frame(source, at=1.5)) == pytest.approx(40 + 7 * 15, abs=6)


def test_a_very_short_film_has_its_first_picture_as_poster(tmp_path):
    source = videos.write(tmp_path, videos.make_video(seconds=0.5, fps=10))

    assert background_red(poster_frame(source)) == pytest.approx(40, abs=6)
