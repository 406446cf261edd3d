"""The demo films, drawn with Pillow and encoded with PyAV: stand-ins for the seed pages' videos.

``load_demo`` uploads them through the normal upload path, like an editor's files: an edited
A-roll of the Andromède mission (title card, cuts, split audio: commentary on the left channel,
international sound on the right), its raw B-roll (longer shots, a burnt-in timecode, clean
international sound) and the silent timelapse of the Cargo Dragon CRS-23 undocking.

They are small real films: H.264 (yuv420p) and AAC stereo in MP4, 1280×720 at 25 frames a
second (so the archive makes a 720p rendition and no 1080p one), about five seconds long.
Nothing is downloaded and nothing depends on the clock: every picture and sound comes from a
seeded ``random.Random`` and the encoder's settings (threads included) are fixed, so a call
gives the same bytes on a given installation.

Drawing stays cheap: each scene is drawn once with the demo pictures' code (``pictures.py``),
then a frame only crops, pastes and resizes (a few milliseconds of Pillow's C code).
"""

import array
import math
import random
import tempfile
import unicodedata
from collections import deque
from fractions import Fraction
from functools import cache
from itertools import chain
from pathlib import Path
from types import SimpleNamespace

import av
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from . import pictures
from .pictures import (
    BICUBIC,
    BILINEAR,
    _colormap,
    _curve,
    _dragon,
    _fractal,
    _glow,
    _gradient,
    _light,
    _over,
    _part,
    _perspective,
    _planet,
    _ramp_between,
    _scale,
    _space,
)

SIZE = W, H = 1280, 720
FPS = 25
SAMPLE_RATE = 48_000
AUDIO_FRAME = 1024  # samples in an AAC frame
VIDEO_OPTIONS = {"crf": "27", "preset": "superfast"}
THREADS = 2  # fixed: x264's output depends on its number of threads
TRANSPARENT = (0, 0, 0, 0)


def a_roll():
    """The Andromède programme, edited: a title card, then two shots, cut (5 s, split audio)."""
    counts = (30, 47, 48)
    frames = chain(
        _title_card(counts[0]),
        _pad_shot(counts[1], start=(120, 170), end=(30, 30)),
        _approach_shot(counts[2], start=(1180, 690), end=(800, 560), drift=(0, 48)),
    )
    seconds = sum(counts) / FPS
    sound = (_commentary(seconds), _ambience(seconds, seed="right"))
    return _mp4(frames, sound, title="Andromède (A-roll, demo)")


def b_roll():
    """The Andromède raw footage: the same shots, longer, uncut, timecoded (6 s, clean sound)."""
    counts = (75, 75)
    frames = chain(
        _timecoded(
            _pad_shot(counts[0], start=(0, 170), end=(100, 0)), "CAM 2   21 OCT 2001", "06:12:40"
        ),
        _timecoded(
            _approach_shot(counts[1], start=(1230, 730), end=(770, 550), drift=(75, 0)),
            "SOYUZ TM-33   23 OCT 2001",
            "09:41:08",
        ),
    )
    seconds = sum(counts) / FPS
    sound = (_ambience(seconds, seed="left"), _ambience(seconds, seed="right"))
    return _mp4(frames, sound, title="Andromède (B-roll, demo)")


def timelapse():
    """The Cargo Dragon CRS-23 undocking, seen from Crew Dragon (4.8 s, silent).

    As in the seed: pictures taken two a second and played at 25 a second, about 12 times real
    speed until the undocking (halfway), then six times; the caption in the corner says which.
    """
    return _mp4(_undocking(120), None, title="Cargo Dragon CRS-23 undocking (timelapse, demo)")


# --- encoding ---------------------------------------------------------------------------------


def _mp4(frames, sound, title):
    """The MP4 bytes of ``frames`` (RGB images of SIZE) and ``sound`` ((left, right) or None)."""
    with tempfile.TemporaryDirectory() as folder:
        # A file, not a buffer: "faststart" (the index first, so a browser starts playing at
        # once) rewrites the file when it is closed.
        path = Path(folder) / "film.mp4"
        with av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"}) as out:
            out.metadata["title"] = title
            out.metadata["comment"] = "Drawn for the ESA Archive demo (load_demo)"
            video = out.add_stream("libx264", rate=FPS, options=VIDEO_OPTIONS)
            video.width, video.height, video.pix_fmt = W, H, "yuv420p"
            video.codec_context.gop_size = 2 * FPS
            video.codec_context.thread_count = THREADS
            waiting = deque(_audio_frames(*sound) if sound else ())
            if sound:
                audio = out.add_stream("aac", rate=SAMPLE_RATE, layout="stereo")
                audio.bit_rate = 96_000
            for number, image in enumerate(frames):
                out.mux(video.encode(av.VideoFrame.from_image(image)))
                # Sound and pictures interleaved, a frame's worth at a time.
                while waiting and waiting[0].pts < (number + 1) * SAMPLE_RATE / FPS:
                    out.mux(audio.encode(waiting.popleft()))
            out.mux(video.encode(None))
            if sound:
                while waiting:
                    out.mux(audio.encode(waiting.popleft()))
                out.mux(audio.encode(None))
        return path.read_bytes()


def _audio_frames(left, right):
    for start in range(0, len(left), AUDIO_FRAME):
        count = min(AUDIO_FRAME, len(left) - start)
        frame = av.AudioFrame(format="fltp", layout="stereo", samples=count)
        frame.sample_rate, frame.pts, frame.time_base = SAMPLE_RATE, start, Fraction(1, SAMPLE_RATE)
        for plane, channel in zip(frame.planes, (left, right), strict=True):
            plane.update(channel[start : start + count].tobytes())
        yield frame


# --- sound ------------------------------------------------------------------------------------


def _ambience(seconds, seed):
    """International sound: the hum of a room (mains and its harmonics) and a soft rumble."""
    rng = random.Random(f"film:ambience:{seed}")
    hum = [
        0.02 * math.sin(2 * math.pi * 50 * i / SAMPLE_RATE)
        + 0.012 * math.sin(2 * math.pi * 100 * i / SAMPLE_RATE + 1.0)
        + 0.006 * math.sin(2 * math.pi * 150 * i / SAMPLE_RATE + 2.0)
        for i in range(SAMPLE_RATE // 50)  # one period of 50 Hz
    ]
    count = round(seconds * SAMPLE_RATE)
    samples = array.array("f", hum * (count // len(hum) + 1))[:count]
    low = 0.0
    for i, byte in enumerate(rng.randbytes(count)):  # noise through a one-pole low-pass filter
        low += 0.04 * ((byte - 127.5) / 127.5 - low)
        samples[i] += 0.5 * low
    return samples


def _commentary(seconds):
    """A stand-in for a voice: a buzzing tone shaped into syllables, words and pauses."""
    rng = random.Random("film:commentary")
    table_size = 2048
    vowels = []  # one period of each "vowel": harmonics weighted around two formants
    for first, second in ((700, 1200), (400, 2000), (300, 800), (550, 1700)):
        weights = [
            (
                math.exp(-(((k * 140 - first) / 180) ** 2))
                + 0.6 * math.exp(-(((k * 140 - second) / 260) ** 2))
                + 0.15
            )
            / k
            for k in range(1, 24)
        ]
        vowels.append(
            [
                sum(
                    w * math.sin(2 * math.pi * k * i / table_size) for k, w in enumerate(weights, 1)
                )
                for i in range(table_size)
            ]
        )
    count = round(seconds * SAMPLE_RATE)
    samples = array.array("f", bytes(4 * count))
    position, phase = int(0.3 * SAMPLE_RATE), 0.0
    while position < count:
        for _syllable in range(rng.randint(2, 4)):  # a word
            length = int(rng.uniform(0.12, 0.24) * SAMPLE_RATE)
            table, pitch = rng.choice(vowels), rng.uniform(120, 175)
            for i in range(min(length, count - position)):
                envelope = math.sin(math.pi * i / length) ** 2
                phase = (
                    phase + pitch * (1 + 0.1 * math.sin(i / 2000)) * table_size / SAMPLE_RATE
                ) % table_size
                samples[position + i] = 0.35 * envelope * table[int(phase)]
            position += length
        position += int(rng.choice((0.08, 0.1, 0.15, 0.45)) * SAMPLE_RATE)  # between words
    return samples


# --- text -------------------------------------------------------------------------------------


@cache
def _font(size):
    return ImageFont.load_default(size=size)


ACCENTS = {"\u0300": -1, "\u0301": 1}  # combining grave and acute: the slope of the stroke


def _write(draw, xy, text, size, fill):
    """Write ``text``; return its width. ``draw`` None: only measure.

    Pillow's built-in font has only ASCII: the accents (è, é) and the multiplication sign (×)
    are drawn by hand, so the films need no font file.
    """
    font = _font(size)
    x, y = xy
    top, bottom = font.getbbox("x")[1::2]
    x_height, stroke = bottom - top, max(2, round(size / 14))
    letter = None  # (left, right) of the last letter, for an accent
    for char in unicodedata.normalize("NFD", text):
        if char in ACCENTS:
            if draw and letter:
                middle, slope = (letter[0] + letter[1]) / 2, ACCENTS[char] * x_height * 0.18
                draw.line(
                    (
                        middle - slope,
                        y + top - x_height * 0.15,
                        middle + slope,
                        y + top - x_height * 0.5,
                    ),
                    fill=fill,
                    width=stroke,
                )
            continue
        if unicodedata.combining(char):
            continue
        advance = font.getlength("M" if char == "×" else char)
        if draw and char == "×":
            half, cx, cy = x_height * 0.38, x + advance / 2, y + top + x_height / 2
            draw.line((cx - half, cy - half, cx + half, cy + half), fill=fill, width=stroke)
            draw.line((cx - half, cy + half, cx + half, cy - half), fill=fill, width=stroke)
        elif draw:
            draw.text((x, y), char, font=font, fill=fill)
        letter = (x, x + advance)
        x += advance
    return x - xy[0]


def _caption(text, size, pad=12):
    """``text`` white on a dark, rounded, half-transparent box (an RGBA image)."""
    width = round(_write(None, (0, 0), text, size, None))
    box = Image.new("RGBA", (width + 2 * pad, size + 2 * pad), TRANSPARENT)
    draw = ImageDraw.Draw(box)
    draw.rounded_rectangle((0, 0, *box.size), radius=pad, fill=(10, 12, 20, 170))
    _write(draw, (pad, pad - size // 10), text, size, (255, 255, 255, 255))
    return box


# --- the Andromède shots ----------------------------------------------------------------------


def _title_card(count):
    """The programme's title over the stars: it fades in while rising and the stars drift."""
    rng = random.Random("film:title")
    sky = _space((W + count, H), rng, stars=1400)
    sky = _light(sky, (40, 80, 170), _glow(sky.size, (W * 0.5, H * 1.25), W * 0.7))
    text = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(text)
    for line, size, y in (("Andromède", 96, 250), ("Claudie Haigneré, Soyuz TM-33, 2001", 40, 390)):
        _write(draw, ((W - _write(None, (0, 0), line, size, None)) / 2, y), line, size, 255)
    draw.line((W / 2 - 180, 370, W / 2 + 180, 370), fill=150, width=2)
    for i in range(count):
        fade = min(1.0, (i + 1) / (count * 0.6))
        mask = ImageChops.offset(_scale(text, fade), 0, count // 2 - i)
        frame = sky.crop((i, 0, i + W, H))
        frame.paste((255, 244, 228), mask=mask)
        yield frame


@cache
def _pad_picture():
    """The Soyuz on its pad at Baikonur at dusk, bigger than a frame (the camera tilts)."""
    return pictures.launch_pad(random.Random("film:pad"), (1400, 900), {"site": "baikonur"})


def _pad_shot(count, start, end):
    """The pad picture seen through a window moving from ``start`` to ``end`` (whole pixels)."""
    picture = _pad_picture()
    for i in range(count):
        t = _smooth(i / (count - 1))
        x = round(start[0] + (end[0] - start[0]) * t)
        y = round(start[1] + (end[1] - start[1]) * t)
        yield picture.crop((x, y, x + W, y + H))


@cache
def _station_picture():
    """The station in 2001 above the Earth, a little bigger than a frame (the camera drifts)."""
    return pictures.station(random.Random("film:station"), (W + 80, H + 50), {"era": "2001"})


@cache
def _soyuz_spacecraft(length=460):
    """A Soyuz spacecraft lying left to right (an RGBA image): the orbital module in front
    (left), the descent module, the service module and its two solar panels."""
    L = length
    layer = Image.new("RGBA", (L, round(0.92 * L)), TRANSPARENT)
    axis = layer.height / 2
    draw = ImageDraw.Draw(layer)
    for side in (-1, 1):  # the solar panels, blue cells on a thin frame
        y0, y1 = sorted((axis + side * 0.12 * L, axis + side * 0.45 * L))
        draw.line(
            (0.72 * L, axis, 0.72 * L, y1 if side > 0 else y0), fill=(150, 150, 150, 255), width=3
        )
        _part(
            layer,
            [(0.64 * L, y0), (0.8 * L, y0), (0.8 * L, y1), (0.64 * L, y1)],
            (44, 62, 120),
            0.4,
            0.7,
        )
        for k in range(1, 8):
            y = y0 + (y1 - y0) * k / 8
            draw.line((0.64 * L, y, 0.8 * L, y), fill=(20, 26, 50, 255), width=2)
        draw.line((0.72 * L, y0, 0.72 * L, y1), fill=(20, 26, 50, 255), width=2)
    service = [(0.52 * L, axis - 0.12 * L), (0.9 * L, axis - 0.12 * L)]
    service += [(0.9 * L, axis + 0.12 * L), (0.52 * L, axis + 0.12 * L)]
    _part(layer, service, (205, 205, 198), 0.3, across="y")
    nozzle = [(0.9 * L, axis - 0.08 * L), (0.97 * L, axis - 0.1 * L)]
    nozzle += [(0.97 * L, axis + 0.1 * L), (0.9 * L, axis + 0.08 * L)]
    _part(layer, nozzle, (70, 70, 74), 0.3, across="y")
    descent = [(0.28 * L, axis - 0.09 * L), (0.52 * L, axis - 0.13 * L)]
    descent += [(0.52 * L, axis + 0.13 * L), (0.28 * L, axis + 0.09 * L)]
    _part(layer, descent, (112, 120, 86), 0.3, across="y")
    orbital = [(0.04 * L, axis - 0.12 * L), (0.31 * L, axis + 0.12 * L)]
    _part(layer, orbital, (128, 138, 96), 0.3, ellipse=True, across="y")
    draw.line((0, axis, 0.05 * L, axis), fill=(180, 180, 180, 255), width=4)  # docking probe
    return layer


def _approach_shot(count, start, end, drift):
    """Soyuz TM-33 closing in on the station: it shrinks as it moves off towards it."""
    station = _station_picture()
    direction = math.degrees(math.atan2(start[1] - end[1], end[0] - start[0]))
    soyuz = _soyuz_spacecraft().rotate(direction - 180, BICUBIC, expand=True)
    for i in range(count):
        t = i / (count - 1)
        near = t * (2 - t)  # slowing down as it comes close
        dx, dy = round(drift[0] * t), round(drift[1] * t)
        frame = station.crop((dx, dy, dx + W, dy + H))
        scale = 0.95 - 0.6 * near
        sprite = soyuz.resize((round(soyuz.width * scale), round(soyuz.height * scale)), BILINEAR)
        x = start[0] + (end[0] - start[0]) * near - dx - sprite.width / 2
        y = start[1] + (end[1] - start[1]) * near - dy - sprite.height / 2
        frame.paste(sprite, (round(x), round(y)), sprite)
        yield frame


def _timecoded(frames, label, start):
    """Burn in the camera's label and timecode (hours:minutes:seconds:frames), as raw footage
    has; ``start`` is the clock at the first frame ("hh:mm:ss")."""
    hours, minutes, seconds = (int(part) for part in start.split(":"))
    first = ((hours * 60 + minutes) * 60 + seconds) * FPS
    font = _font(24)
    for number, frame in enumerate(frames, start=first):
        clock, image = divmod(number, FPS)
        clock, second = divmod(clock, 60)
        hour, minute = divmod(clock, 60)
        text = f"{label}   {hour:02}:{minute:02}:{second:02}:{image:02}"
        draw = ImageDraw.Draw(frame)
        draw.rectangle((24, H - 62, 40 + font.getlength(text), H - 24), fill=(0, 0, 0))
        draw.text((32, H - 57), text, font=font, fill=(235, 235, 235))
        yield frame


def _smooth(t):
    return t * t * (3 - 2 * t)


# --- the undocking timelapse ------------------------------------------------------------------

HORIZON = 0.34 * H
PORT = (0.3 * W, 0.74 * H)  # where the Dragon's nose meets the station
AXIS = math.radians(38)  # the port's axis: the Dragon backs away along it, up and right
RUN = 900  # how far the nearest ground slides during the film (pixels)


def _undocking(count):
    """``count`` frames: the Dragon docked, then (halfway) backing away, as the Earth runs by."""
    scene = _undocking_scene()
    dragon, dock = _dragon_sprite()
    captions = _caption("×12", 34), _caption("×6", 34)
    undock, run = count // 2, 0
    for i in range(count):
        # The Earth runs half as fast after the undocking (six times real speed, not 12).
        run += 2 * RUN / (3 * count) * (2 if i < undock else 1)
        frame = scene.sky.copy()
        # The ground slides sideways, faster near the camera: the picture is sheared.
        ground = scene.ground.transform(
            (W, H - scene.top),
            Image.Transform.AFFINE,
            (1, run / scene.depth, run * scene.near, 0, 1, 0),
            Image.Resampling.NEAREST,
        )
        frame.paste(ground, (0, scene.top))
        frame.paste(scene.sky_band, (0, scene.top), scene.space_band)  # the sky above the limb
        frame.paste((150, 185, 230), scene.haze_box[:2], scene.haze)  # the air near the limb
        away = _smooth((i - undock) / (count - undock)) if i >= undock else 0.0
        scale, distance = 1 - 0.55 * away, 330 * away
        if scale < 1:
            size = (round(dragon.width * scale), round(dragon.height * scale))
            sprite = dragon.resize(size, BILINEAR)
        else:
            sprite = dragon
        x = PORT[0] + distance * math.cos(AXIS) - dock[0] * scale
        y = PORT[1] - distance * math.sin(AXIS) - dock[1] * scale
        frame.paste(sprite, (round(x), round(y)), sprite)
        for xy, tile in scene.foreground:
            frame.paste(tile, xy, tile if tile.mode == "RGBA" else None)
        caption = captions[i >= undock]
        frame.paste(caption, (W - 90 - caption.width, 64), caption)
        yield frame


@cache
def _undocking_scene():
    """What does not move in the timelapse, drawn once: sky, ground, the station, the window."""
    rng = random.Random("film:undocking")
    planet = _planet(SIZE, HORIZON, 0.12)
    top = planet.getbbox()[1]  # the top of the limb
    space = ImageChops.invert(planet)
    limb = (0, top, W, space.getbbox()[3])  # the rows where the limb crosses the frame
    haze = ImageChops.subtract(planet, planet.filter(ImageFilter.GaussianBlur(H * 0.09)))
    haze = _scale(haze, 2.2).point([v if v > 2 else 0 for v in range(256)])
    sky = _sky_above(rng, planet)
    # The ground, wider than the frame (it slides), seen in perspective from the station.
    ground = _perspective(_ground_map(rng, (1600, 1000)), (W + RUN, H), HORIZON)
    vanish = HORIZON - 0.3 * H  # as in pictures._perspective: the rows' scale grows from there
    foreground = Image.alpha_composite(_station_part(), _window_frame())
    return SimpleNamespace(
        top=top,
        sky=sky,
        sky_band=sky.crop(limb),
        space_band=space.crop(limb),
        haze_box=haze.getbbox(),
        haze=haze.crop(haze.getbbox()),
        ground=ground.crop((0, top, W + RUN, H)),
        depth=H - vanish,  # row y of the ground slides by run × (y + near) / depth
        near=(top - vanish) / (H - vanish),
        foreground=_tiles(foreground),
    )


def _tiles(layer, size=(160, 90)):
    """An RGBA layer cut in tiles, without the transparent ones: ``[(position, tile)]``.

    Pasting only those is much cheaper than pasting a whole frame that is mostly transparent.
    """
    tiles = []
    for y in range(0, layer.height, size[1]):
        for x in range(0, layer.width, size[0]):
            tile = layer.crop((x, y, x + size[0], y + size[1]))
            low, high = tile.getchannel("A").getextrema()
            if high:  # a tile with no transparent pixel is pasted whole, without a mask
                tiles.append(((x, y), tile.convert("RGB") if low == 255 else tile))
    return tiles


def _sky_above(rng, planet):
    """Stars, and the glow of the air along the Earth's limb."""
    sky = _space(SIZE, rng, stars=700)
    outside = ImageChops.subtract(planet.filter(ImageFilter.GaussianBlur(H * 0.025)), planet)
    line = ImageChops.subtract(planet.filter(ImageFilter.GaussianBlur(3)), planet)
    sky = _light(sky, (60, 130, 255), _scale(outside, 2.6))
    return _light(sky, (200, 230, 255), _scale(line, 3.5))


def _ground_map(rng, size):
    """A map of ocean, land and clouds, seen from above."""
    w, h = size
    cells = (w / 280, h / 280)
    ocean = _colormap(_fractal(rng, size, cells, octaves=3), [(0, (8, 38, 92)), (1, (22, 70, 130))])
    land = _colormap(
        _fractal(rng, size, (cells[0] * 2, cells[1] * 2), octaves=4),
        [(0, (60, 78, 44)), (0.6, (120, 108, 74)), (1, (170, 152, 118))],
    )
    land_mask = _curve(_fractal(rng, size, cells, octaves=5), _ramp_between(0.6, 0.64))
    surface = Image.composite(land, ocean, land_mask)
    clouds = _curve(
        _fractal(rng, size, (cells[0] * 1.6, cells[1] * 1.6), octaves=5), _ramp_between(0.45, 0.75)
    )
    return _over(surface, (244, 247, 252), clouds)


@cache
def _dragon_sprite():
    """The Cargo Dragon pointing its open nose at the port; and where its docking ring is."""
    s = 380
    ring = (1.2 * s, 1.2 * s)  # the docking ring, in the middle: nothing is lost turning it
    layer = Image.new("RGBA", (round(2.4 * s), round(2.4 * s)), TRANSPARENT)
    _dragon(layer, ring[0], ring[1] + 0.47 * s, s, cargo=True, open_nose=True)
    turn = math.degrees(AXIS) + 180 - 90  # nose up -> nose towards the port
    rotated = layer.rotate(turn, BICUBIC, center=ring)
    box = rotated.getbbox()
    return rotated.crop(box), (ring[0] - box[0], ring[1] - box[1])


def _station_part():
    """The module Crew Dragon is docked to, close by, and the port the Cargo Dragon leaves."""
    # Drawn with the port's axis pointing up, then turned about the port, at (cx, cy).
    layer = Image.new("RGBA", (1600, 1040), TRANSPARENT)
    cx, cy = 700, 540
    port = [(cx - 58, cy), (cx + 58, cy), (cx + 78, cy + 140), (cx - 78, cy + 140)]
    _part(layer, port, (150, 150, 146), 0.3)
    module = [(cx - 650, cy + 130), (cx + 650, cy + 130), (cx + 650, cy + 480)]
    _part(layer, [*module, (cx - 650, cy + 480)], (214, 214, 208), 0.25, across="y")
    draw = ImageDraw.Draw(layer)
    for k in range(-8, 9):  # panels of the insulation blankets
        draw.line((cx + k * 75, cy + 130, cx + k * 75, cy + 480), fill=(170, 170, 164), width=3)
    draw.line((cx - 650, cy + 175, cx + 650, cy + 175), fill=(214, 172, 60), width=8)  # handrail
    draw.rectangle((cx - 64, cy - 6, cx + 64, cy + 6), fill=(90, 90, 94))  # the docking ring
    layer = layer.rotate(math.degrees(AXIS) - 90, BILINEAR, center=(cx, cy))
    x, y = cx - round(PORT[0]), cy - round(PORT[1])
    return layer.crop((x, y, x + W, y + H))


def _window_frame():
    """Crew Dragon's window: a dark frame with rounded corners around the view (RGBA)."""
    opening = Image.new("L", SIZE, 0)
    ImageDraw.Draw(opening).rounded_rectangle((50, 40, W - 50, H - 40), radius=150, fill=255)
    opening = opening.filter(ImageFilter.GaussianBlur(5))
    frame = _gradient(SIZE, [(0, (34, 35, 40)), (1, (12, 12, 15))]).convert("RGBA")
    frame.putalpha(ImageChops.invert(opening))
    return frame
