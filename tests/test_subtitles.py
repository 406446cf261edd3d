"""WebVTT subtitles: what a browser would show is accepted, anything else is refused with the
line to fix. Pure functions: no database."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from missions.subtitles import (
    MAX_UPLOAD_BYTES,
    Cue,
    normalise,
    parse_webvtt,
    plain_text,
    read_upload,
    validate_webvtt,
)

FULL = """WEBVTT - Andromède, the programme
Kind: captions
Language: en

STYLE
::cue(v[voice="Claudie"]) { color: yellow }

NOTE
Written for the demo: header text, a style,
notes, identifiers, settings and hours.

intro
00:00.000 --> 00:02.500
<v Claudie>Soyuz TM-33 is ready.

00:02.500 --> 00:05.000 align:start line:0 position:10%,line-left size:80%
<i>Baikonur, 21 October 2001</i>
three flight engineers &amp; a commander

NOTE the docking comes later

docking
01:02:03.040 --> 01:02:04.000 vertical:rl line:-1,end
Docked.
"""


def refusal(text):
    with pytest.raises(ValidationError) as caught:
        validate_webvtt(text)
    return caught.value


def cues_file(*blocks, header="WEBVTT"):
    return "\n\n".join([header, *blocks]) + "\n"


def test_a_full_file_gives_its_cues_with_times_text_and_timing_lines():
    assert parse_webvtt(FULL) == [
        Cue(0.0, 2.5, "<v Claudie>Soyuz TM-33 is ready.", 13),
        Cue(
            2.5,
            5.0,
            "<i>Baikonur, 21 October 2001</i>\nthree flight engineers &amp; a commander",
            16,
        ),
        Cue(3723.04, 3724.0, "Docked.", 23),
    ]


def test_a_valid_file_passes_the_validator():
    validate_webvtt(FULL)


@pytest.mark.parametrize("blank", ["", "   ", "\n\n", "\ufeff \r\n"])
def test_blank_means_no_subtitles_and_is_valid(blank):
    validate_webvtt(blank)
    assert parse_webvtt(blank) == []
    assert plain_text(blank) == ""
    assert normalise(blank) == ""


def test_a_header_alone_has_no_cues():
    assert parse_webvtt("WEBVTT\n") == []


def test_windows_line_ends_and_a_byte_order_mark_are_accepted():
    text = "\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nBonjour\r\nà tous\r\n"
    assert parse_webvtt(text) == [Cue(1.0, 2.0, "Bonjour\nà tous", 3)]


def test_old_mac_line_ends_are_accepted():
    assert parse_webvtt("WEBVTT\r\r00:01.000 --> 00:02.000\rHi") == [Cue(1.0, 2.0, "Hi", 3)]


def test_hours_may_have_one_digit_or_many():
    text = cues_file("1:00:00.000 --> 1:00:01.000\nA", "100:00:00.000 --> 100:00:01.000\nB")
    assert [cue.start for cue in parse_webvtt(text)] == [3600.0, 360000.0]


def test_cues_may_overlap_and_start_together():
    text = cues_file("00:01.000 --> 00:04.000\nA", "00:01.000 --> 00:02.000\nB")
    assert len(parse_webvtt(text)) == 2


def test_a_timing_with_one_digit_of_milliseconds_is_refused_with_the_fix():
    error = refusal(cues_file("00:01.000 --> 00:01.400\nA", "00:01.5 --> 00:02.000\nB"))
    assert error.code == "bad_timing"
    assert error.messages[0] == (
        "Line 6: “00:01.5 --> 00:02.000” is not a cue timing (write it as 00:01.500 --> 00:02.000)."
    )


@pytest.mark.parametrize(
    ("timing", "fix"),
    [
        ("00:00:01,000 --> 00:00:02,000", "00:00:01.000 --> 00:00:02.000"),  # SubRip's comma
        ("00:01.000 -> 00:02.000", "00:01.000 --> 00:02.000"),
        ("00:01.000 → 00:02.000 align:start", "00:01.000 --> 00:02.000 align:start"),
        ("0:01.000 --> 0:02.000", "00:01.000 --> 00:02.000"),
    ],
)
def test_a_misspelt_timing_is_refused_with_the_fix(timing, fix):
    error = refusal(cues_file(f"{timing}\nA"))
    assert error.code == "bad_timing"
    assert "Line 3:" in error.messages[0]
    assert f"write it as {fix}" in error.messages[0]


def test_a_misspelt_timing_after_an_identifier_is_reported_on_its_own_line():
    error = refusal(cues_file("intro\n00:01.000 - 00:02.000\nA"))
    assert error.code == "bad_timing"
    assert "Line 4:" in error.messages[0]


def test_a_timing_that_cannot_be_guessed_is_refused_with_an_example():
    error = refusal(cues_file("00:01.0000 --> soon\nA"))
    assert error.code == "bad_timing"
    assert error.messages[0].startswith("Line 3: “00:01.0000 --> soon” is not a cue timing.")
    assert "00:01.000 --> 00:04.000" in error.messages[0]


@pytest.mark.parametrize(
    ("timing", "stamp", "fix"),
    [
        ("00:01.000 --> 00:75.000", "00:75.000", "01:15.000"),
        ("00:60:00.000 --> 01:00:01.000", "00:60:00.000", "01:00:00.000"),
    ],
)
def test_minutes_or_seconds_over_59_are_refused(timing, stamp, fix):
    error = refusal(cues_file(f"{timing}\nA"))
    assert error.code == "bad_timing"
    assert error.messages[0] == (
        f"Line 3: “{stamp}” is not a time: minutes and seconds go from 00 to 59 (write {fix})."
    )


@pytest.mark.parametrize("timing", ["00:02.000 --> 00:01.000", "00:02.000 --> 00:02.000"])
def test_a_cue_must_end_after_it_starts(timing):
    error = refusal(cues_file("00:00.000 --> 00:01.000\nA", f"{timing}\nB"))
    assert error.code == "end_before_start"
    assert "Line 6:" in error.messages[0]


def test_a_timing_without_text_is_refused():
    error = refusal(cues_file("00:01.000 --> 00:02.000", "00:03.000 --> 00:04.000\nB"))
    assert error.code == "empty_cue"
    assert "Line 3:" in error.messages[0]


def test_a_line_of_spaces_ends_a_cue_as_an_empty_line_would():
    error = refusal("WEBVTT\n\n00:01.000 --> 00:02.000\n   \nA\n")
    assert error.code == "empty_cue"
    assert "Line 3:" in error.messages[0]


def test_an_arrow_in_a_cues_text_is_refused():
    error = refusal(cues_file("00:01.000 --> 00:02.000\nLift-off\nBaikonur --> ISS"))
    assert error.code == "arrow_in_text"
    assert "Line 5:" in error.messages[0]
    assert "→" in error.messages[0]


def test_a_cue_run_into_the_next_without_an_empty_line_is_refused():
    error = refusal(cues_file("00:01.000 --> 00:02.000\nA\n00:03.000 --> 00:04.000\nB"))
    assert error.code == "arrow_in_text"
    assert error.messages[0].startswith("Line 5: leave an empty line before the timing")


def test_a_first_cue_run_into_the_header_is_refused():
    error = refusal("WEBVTT\n00:01.000 --> 00:02.000\nA\n")
    assert error.code == "arrow_in_text"
    assert "Line 2:" in error.messages[0]


def test_an_arrow_in_a_note_is_refused():
    error = refusal(cues_file("NOTE\n00:01.000 --> 00:02.000\nA"))
    assert error.code == "arrow_in_text"
    assert "Line 4:" in error.messages[0]


def test_a_cue_out_of_order_is_refused_with_both_lines():
    error = refusal(
        cues_file(
            "00:01.000 --> 00:02.000\nA",
            "00:05.000 --> 00:06.000\nB",
            "00:03.000 --> 00:04.000\nC",
        )
    )
    assert error.code == "out_of_order"
    assert error.messages[0].startswith("Line 9: this cue starts at 00:03.000")
    assert "line 6, at 00:05.000" in error.messages[0]


def test_close_starts_in_order_are_not_taken_for_out_of_order():
    # 0.29 s is 290.00000000000006 ms as a float: times are compared in whole milliseconds.
    text = cues_file("00:00.290 --> 00:01.000\nA", "00:00.290 --> 00:01.000\nB")
    assert len(parse_webvtt(text)) == 2


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("webvtt\n\n00:01.000 --> 00:02.000\nA\n", "not “webvtt”"),
        ("WEBVTTX\n", "not “WEBVTTX”"),
        ("\nWEBVTT\n", "very first line"),
        ("1\n00:00:01,000 --> 00:00:02,000\nA\n", "SubRip"),
    ],
)
def test_a_file_not_starting_with_webvtt_is_refused_on_line_1(text, hint):
    error = refusal(text)
    assert error.code == "no_header"
    assert error.messages[0].startswith("Line 1:")
    assert hint in error.messages[0]


def test_text_after_an_empty_line_in_a_cue_is_refused():
    error = refusal(cues_file("00:01.000 --> 00:02.000\nA", "the rest of the sentence"))
    assert error.code == "no_timing"
    assert "Line 6:" in error.messages[0]


def test_an_unknown_cue_setting_is_refused():
    error = refusal(cues_file("00:01.000 --> 00:02.000 align:middle\nA"))
    assert error.code == "bad_setting"
    assert "Line 3:" in error.messages[0]
    assert "align:middle" in error.messages[0]


def test_a_style_block_after_a_cue_is_refused():
    error = refusal(cues_file("00:01.000 --> 00:02.000\nA", "STYLE\n::cue { color: red }"))
    assert error.code == "misplaced_block"
    assert "Line 6:" in error.messages[0]


def test_only_the_first_problem_is_reported():
    error = refusal(cues_file("00:02.000 --> 00:01.000\nA", "00:01.5 --> 00:02.000\nB"))
    assert error.code == "end_before_start"
    assert len(error.messages) == 1


def test_plain_text_keeps_the_words_one_cue_a_line():
    text = cues_file(
        "00:00.000 --> 00:01.000\n<v Claudie>Bonjour</v> &amp; <i>bienvenue</i>\n<b>à bord</b>",
        "00:01.000 --> 00:02.000\n<c.yellow>Soyuz</c> <00:00:01.500>TM-33 &lt;3 &gt;",
        "00:02.000 --> 00:03.000\nPrêt&nbsp;?&lrm;&rlm;",
    )
    assert plain_text(text) == "Bonjour & bienvenue à bord\nSoyuz TM-33 <3 >\nPrêt ?"


def test_normalise_gives_what_is_stored():
    text = "\ufeffWEBVTT  \r\n\r\n00:01.000 --> 00:02.000\t\r\nHi  \r\n\r\n\r\n"
    assert normalise(text) == "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n"


def test_normalise_keeps_the_line_numbers():
    text = "WEBVTT\r\n\r\n\r\n00:01.000 --> 00:02.000\r\nHi"
    assert normalise(text).split("\n")[3] == "00:01.000 --> 00:02.000"


def upload(data, name="subtitles.vtt"):
    return SimpleUploadedFile(name, data, content_type="text/vtt")


def test_an_uploaded_utf8_file_is_read_as_text():
    data = "\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nAndromède\r\n".encode()
    text = read_upload(upload(data))
    assert text == "WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nAndromède\r\n"
    assert parse_webvtt(text) == [Cue(1.0, 2.0, "Andromède", 3)]


def test_an_uploaded_latin1_file_is_refused():
    data = "WEBVTT\n\n00:01.000 --> 00:02.000\nAndromède\n".encode("latin-1")
    with pytest.raises(ValidationError) as caught:
        read_upload(upload(data))
    assert caught.value.code == "not_text"
    assert "UTF-8" in caught.value.messages[0]


def test_an_uploaded_png_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
    with pytest.raises(ValidationError) as caught:
        read_upload(upload(png, "subtitles.vtt"))
    assert caught.value.code == "not_text"


def test_an_uploaded_file_with_control_characters_is_refused():
    with pytest.raises(ValidationError) as caught:
        read_upload(upload(b"WEBVTT\n\x00\x01\x02\x03"))
    assert caught.value.code == "not_text"


def test_an_uploaded_file_over_1_mb_is_refused():
    data = b"WEBVTT\n\n" + b"x" * MAX_UPLOAD_BYTES
    with pytest.raises(ValidationError) as caught:
        read_upload(upload(data))
    assert caught.value.code == "too_big"
    assert "1.0\xa0MB" in caught.value.messages[0]


def test_plain_text_of_invalid_subtitles_reads_what_it_can_without_failing():
    # The validator keeps such text out of the database, but search must never fail on it.
    text = "WEBVTT\n\n00:02.000 --> 00:01.000\nBackwards\n\nstray words\n\n00:03.5 --> 4\nLoose\n"
    assert plain_text(text) == "Backwards\nLoose"
