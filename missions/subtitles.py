"""WebVTT subtitles, uploaded as a .vtt file or typed into the admin: read, judged and stored.

A subtitle file is accepted only when a browser would show every cue the editor wrote, as
written: the rules are those of the WebVTT standard (https://www.w3.org/TR/webvtt1/). Where a
browser would quietly drop or cut a cue (a misspelt timing, a "-->" in the text, text after a
blank line), the editor is told instead, with the line number and what to write. Only the first
problem is reported: one fix at a time, and the next problem's line number is still right.

What is judged is what is stored (:func:`normalise`): UTF-8 text with LF line ends, no byte order
mark and no trailing spaces. A blank value means the video has no subtitles in that language.
"""

import html
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 1024 * 1024
ARROW = "-->"
EXAMPLE_TIMING = "00:01.000 --> 00:04.000"

# A WebVTT timestamp: [hours:]minutes:seconds.milliseconds, minutes and seconds on two digits.
TIMESTAMP = r"(?:(\d+):)?(\d\d):(\d\d)\.(\d\d\d)"
TIMING_LINE = re.compile(
    rf"[ \t]*(?P<start>{TIMESTAMP})[ \t]*-->[ \t]*(?P<end>{TIMESTAMP})(?:[ \t]+(?P<settings>.*))?"
)
# What an editor may have meant by a timestamp and an arrow: one to three fraction digits, a
# comma (as in SubRip files), a short, long or Unicode arrow. Used to suggest the right form.
LOOSE_TIMESTAMP = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d+)?"
LOOSE_TIMING_LINE = re.compile(
    rf"\s*(?P<start>{LOOSE_TIMESTAMP})\s*(?:-+\s*>|[–—]+\s*>?|→|=+>|-{{1,3}})\s*"
    rf"(?P<end>{LOOSE_TIMESTAMP})(?:\s+(?P<settings>.*))?"
)
LOOSE_PARTS = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?")
SRT_TIMING = re.compile(r"\d+:\d\d:\d\d,\d{3}\s*-->")

PERCENTAGE = r"\d+(?:\.\d+)?%"
SETTINGS = {
    "vertical": re.compile(r"rl|lr"),
    "line": re.compile(rf"(?:-?\d+|{PERCENTAGE})(?:,(?:start|center|end))?"),
    "position": re.compile(rf"{PERCENTAGE}(?:,(?:line-left|center|line-right))?"),
    "size": re.compile(PERCENTAGE),
    "align": re.compile(r"start|center|end|left|right"),
    "region": re.compile(r"\S+"),
}

TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Cue:
    """One cue: shown from ``start`` to ``end`` (seconds)."""

    start: float
    end: float
    text: str  # as written, tags and all (<i>, <b>, <v Name>), lines joined by "\n"
    line: int  # 1-based number of its timing line


def normalise(value):
    """What is stored: no byte order mark, LF line ends, no trailing spaces, one final newline.

    A blank value gives "". Lines are neither added nor removed before the last non-blank one,
    so a line number in an error message is the line the editor sees.
    """
    value = value.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # The standard's own first step: a NUL is read as U+FFFD (and databases refuse NULs).
    value = value.replace("\0", "\ufffd")
    lines = [line.rstrip(" \t\f") for line in value.split("\n")]
    text = "\n".join(lines).rstrip("\n")
    return f"{text}\n" if text.strip() else ""


def validate_webvtt(value):
    """Model-field validator: raise ``ValidationError`` on the first problem; blank is fine."""
    parse_webvtt(value)


def parse_webvtt(text):
    """The cues of a WebVTT text, in order; ``ValidationError`` on its first problem.

    A blank text has no cues. The text is read as :func:`normalise` would store it.
    """
    text = normalise(text)
    if not text:
        return []
    return _Parser(text.removesuffix("\n").split("\n")).cues()


def plain_text(value):
    """The words of the cues, one cue a line, without tags or timings: what search reads.

    Character references (``&amp;``, ``&nbsp;``…) are decoded; invisible direction marks are
    dropped. "" for a blank value. Text that is not valid WebVTT (the validator never lets it
    be saved, but code may) gives the words of whatever blocks have a timing line, never an
    error: indexing a page must not fail.
    """
    try:
        texts = [cue.text for cue in parse_webvtt(value)]
    except ValidationError:
        texts = _loose_cue_texts(value)
    lines = []
    for text in texts:
        words = html.unescape(TAG.sub("", text))
        words = words.replace("\u200e", "").replace("\u200f", "").replace("\xa0", " ")
        words = SPACES.sub(" ", words).strip()
        if words:
            lines.append(words)
    return "\n".join(lines)


def _loose_cue_texts(value):
    """The text of each block with a "-->" in its first or second line (after the header)."""
    texts = []
    for block in normalise(value).split("\n\n")[1:]:
        lines = block.strip("\n").split("\n")
        for number, line in enumerate(lines[:2]):
            if ARROW in line:
                texts.append("\n".join(lines[number + 1 :]))
                break
    return texts


def read_upload(file):
    """The text of an uploaded .vtt file (UTF-8, with or without a byte order mark).

    Raise ``ValidationError`` if it is over 1 MB (``too_big``) or is not UTF-8 text
    (``not_text``): another encoding, or a binary file.
    """
    size = file.size
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise _too_big(size)
    file.seek(0)
    data = file.read(MAX_UPLOAD_BYTES + 1)
    file.seek(0)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _too_big(max(size or 0, len(data)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _not_text() from None
    # Text has no control characters but tabs and line ends (a form feed is tolerated).
    if re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", text):
        raise _not_text()
    return text


def _too_big(size):
    return ValidationError(
        _("The subtitle file is %(size)s; the limit is %(limit)s."),
        code="too_big",
        params={"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
    )


def _not_text():
    return ValidationError(
        _(
            "This file is not a WebVTT subtitle file in UTF-8 text. Save the subtitles as "
            "UTF-8 text (.vtt) and upload that file."
        ),
        code="not_text",
    )


# --- reading ----------------------------------------------------------------------------------


def _milliseconds(hours, minutes, seconds, fraction):
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(fraction)


def _clock(ms, hours=False):
    """``ms`` written as a WebVTT timestamp (with hours when there are any, or if asked)."""
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, rest = divmod(rest, 1000)
    stamp = f"{m:02}:{s:02}.{rest:03}"
    return f"{h:02}:{stamp}" if h or hours else stamp


def _loose_ms(stamp):
    """What a loosely written timestamp means (ms), or None."""
    match = LOOSE_PARTS.fullmatch(stamp)
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    fraction = (fraction or "").ljust(3, "0")
    return _milliseconds(hours, minutes, seconds, fraction)


def _quote(line, limit=60):
    line = line.strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _error(number, message, code, **params):
    return ValidationError(message, code=code, params={"line": number, **params})


def _is_note(line):
    return line == "NOTE" or line.startswith(("NOTE ", "NOTE\t"))


def _block_name(line):
    """ "STYLE" or "REGION" if ``line`` opens such a block."""
    word = line.rstrip(" \t")
    return word if word in ("STYLE", "REGION") else None


class _Parser:
    """Reads lines (of normalised text) as a browser would, refusing what it would not show."""

    def __init__(self, lines):
        self.lines = lines
        self.found = []
        self.previous_start = 0  # ms

    def cues(self):
        self.header()
        number = self.skip_header()
        while number <= len(self.lines):
            if not self.lines[number - 1]:
                number += 1
                continue
            end = number
            while end <= len(self.lines) and self.lines[end - 1]:
                end += 1
            self.block(number, self.lines[number - 1 : end - 1])
            number = end
        return self.found

    def header(self):
        first = self.lines[0]
        if re.fullmatch(r"WEBVTT(?:[ \t].*)?", first):
            return
        if not first.strip() and any(line.startswith("WEBVTT") for line in self.lines):
            message = _("Line 1: WEBVTT must be on the very first line; remove what comes before.")
        elif len(self.lines) > 1 and SRT_TIMING.match(self.lines[1]):
            message = _(
                "Line 1: this looks like a SubRip (.srt) file, not WebVTT. A WebVTT file starts "
                "with the line WEBVTT, and writes times with a dot: 00:00:01.500."
            )
        else:
            message = _(
                "Line 1: a WebVTT file starts with the line WEBVTT, not “%(text)s”. Write WEBVTT "
                "on the first line, in capitals."
            )
        raise _error(1, message, "no_header", text=_quote(first))

    def skip_header(self):
        """The number of the line after the header (its first line and those up to a blank)."""
        number = 2
        while number <= len(self.lines) and self.lines[number - 1]:
            if ARROW in self.lines[number - 1]:
                raise _error(
                    number,
                    _(
                        "Line %(line)s: leave an empty line between the WEBVTT header and the "
                        "first cue."
                    ),
                    "arrow_in_text",
                )
            number += 1
        return number

    def block(self, number, lines):
        """One block of lines between blank lines, starting on line ``number``."""
        first = lines[0]
        if ARROW in first:
            self.cue(number, lines)
        elif len(lines) > 1 and ARROW in lines[1]:
            if _is_note(first):
                self.arrow_in_comment(number + 1, "NOTE")
            self.cue(number + 1, lines[1:])  # the first line is the cue's identifier
        elif _is_note(first):
            self.no_arrow(number, lines, "NOTE")
        elif _block_name(first):
            if self.found:
                raise _error(
                    number,
                    _(
                        "Line %(line)s: a %(block)s block must come before the first cue; "
                        "browsers ignore it here."
                    ),
                    "misplaced_block",
                    block=_block_name(first),
                )
            self.no_arrow(number, lines, _block_name(first))
        else:
            for offset, line in enumerate(lines[:2]):
                if LOOSE_TIMING_LINE.fullmatch(line):
                    self.bad_timing(number + offset, line)
            raise _error(
                number,
                _(
                    "Line %(line)s: “%(text)s” is not part of any cue. A cue starts with its "
                    "timing, for example %(example)s, and ends at the first empty line."
                ),
                "no_timing",
                text=_quote(first),
                example=EXAMPLE_TIMING,
            )

    def no_arrow(self, number, lines, name):
        for offset, line in enumerate(lines):
            if ARROW in line:
                self.arrow_in_comment(number + offset, name)

    def arrow_in_comment(self, number, name):
        raise _error(
            number,
            _(
                "Line %(line)s: a %(block)s block cannot contain “-->”; a browser would read a "
                "cue there. Leave an empty line after the block if a cue follows it."
            ),
            "arrow_in_text",
            block=name,
        )

    def cue(self, number, lines):
        """A cue whose timing line is line ``number`` (``lines[0]``), its text below."""
        timing = TIMING_LINE.fullmatch(lines[0])
        if not timing:
            self.bad_timing(number, lines[0])
        groups = timing.groups()
        start, end = _milliseconds(*groups[1:5]), _milliseconds(*groups[6:10])
        for stamp, minutes, seconds in ((groups[0], *groups[2:4]), (groups[5], *groups[7:9])):
            if int(minutes) > 59 or int(seconds) > 59:
                raise _error(
                    number,
                    _(
                        "Line %(line)s: “%(text)s” is not a time: minutes and seconds go from 00 "
                        "to 59 (write %(fixed)s)."
                    ),
                    "bad_timing",
                    text=stamp,
                    fixed=_clock(_loose_ms(stamp), hours=stamp.count(":") == 2),
                )
        self.check_settings(number, timing["settings"] or "")
        if end <= start:
            raise _error(
                number,
                _(
                    "Line %(line)s: the cue ends at %(end)s, which is not after its start "
                    "(%(start)s)."
                ),
                "end_before_start",
                start=_clock(start),
                end=_clock(end),
            )
        if self.found and start < self.previous_start:
            raise _error(
                number,
                _(
                    "Line %(line)s: this cue starts at %(start)s, before the cue above it (line "
                    "%(previous_line)s, at %(previous)s). Put the cues in the order they are "
                    "shown."
                ),
                "out_of_order",
                start=_clock(start),
                previous_line=self.found[-1].line,
                previous=_clock(self.previous_start),
            )
        if len(lines) == 1:
            raise _error(
                number,
                _(
                    "Line %(line)s: the cue %(timing)s has no text. Write its words on the next "
                    "line, or remove the timing."
                ),
                "empty_cue",
                timing=_quote(lines[0]),
            )
        for offset, line in enumerate(lines[1:], start=1):
            if ARROW not in line:
                continue
            if TIMING_LINE.fullmatch(line) or LOOSE_TIMING_LINE.fullmatch(line):
                message = _(
                    "Line %(line)s: leave an empty line before the timing “%(text)s”: without "
                    "it, the line is read as part of the cue above."
                )
            else:
                message = _(
                    "Line %(line)s: “-->” cannot appear in a cue's text: a browser ends the cue "
                    "there. Write “→” instead."
                )
            raise _error(number + offset, message, "arrow_in_text", text=_quote(line))
        self.found.append(Cue(start / 1000, end / 1000, "\n".join(lines[1:]), number))
        self.previous_start = start

    def bad_timing(self, number, line):
        loose = LOOSE_TIMING_LINE.fullmatch(line)
        fixed = None
        if loose:
            start, end = _loose_ms(loose["start"]), _loose_ms(loose["end"])
            if start is not None and end is not None:
                hours = loose["start"].count(":") == 2 or loose["end"].count(":") == 2
                fixed = f"{_clock(start, hours)} --> {_clock(end, hours)}"
                if loose["settings"]:
                    fixed = f"{fixed} {loose['settings'].strip()}"
        if fixed:
            message = _("Line %(line)s: “%(text)s” is not a cue timing (write it as %(fixed)s).")
        else:
            message = _(
                "Line %(line)s: “%(text)s” is not a cue timing. Write the start and the end "
                "like this: %(fixed)s (minutes:seconds.milliseconds, hours first if any)."
            )
        raise _error(
            number, message, "bad_timing", text=_quote(line), fixed=fixed or EXAMPLE_TIMING
        )

    def check_settings(self, number, settings):
        for setting in settings.split():
            name, colon, value = setting.partition(":")
            pattern = SETTINGS.get(name)
            fine = colon and pattern and pattern.fullmatch(value)
            if fine and "%" in value:
                fine = all(float(v) <= 100 for v in re.findall(r"([\d.]+)%", value))
            if not fine:
                raise _error(
                    number,
                    _(
                        "Line %(line)s: “%(text)s” is not a cue setting. After the timing, "
                        "settings look like line:0, position:50%%, size:80%%, align:start or "
                        "vertical:rl."
                    ),
                    "bad_setting",
                    text=_quote(setting),
                )
