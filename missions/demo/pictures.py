"""The demo pictures, drawn with Pillow: nothing is downloaded and nothing depends on the clock.

Each scene draws from its own ``random.Random(seed)``, so a seed always gives the same JPEG bytes
and ``load_demo`` fills every machine's archive with the same files. They are illustrations that
stand in for the photographs of the seed pages; their EXIF says so (Make and Model) and carries the
date the demo content gives as the date taken, which the upload path then reads like any photo's.

Drawing stays cheap (under half a second a picture): smooth noise is a few random pixels
enlarged with a bicubic filter, light is added with ``ImageChops.screen``, and only Pillow's C
code touches every pixel.
"""

import io
import math
import random
from functools import cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from missions.images import EXIF_DATETIME, EXIF_DATETIME_ORIGINAL, EXIF_IFD

LANDSCAPE = (1600, 1067)
PORTRAIT = (1067, 1600)
JPEG_QUALITY = 88
EXIF_MAKE = 0x010F
EXIF_MODEL = 0x0110
EXIF_SOFTWARE = 0x0131
MAKE = "ESA Archive"
MODEL = "Demo illustration"
SOFTWARE = "ESA Archive load_demo (Pillow)"

BLACK = (0, 0, 0)
WHITE = (255, 255, 255)
BICUBIC = Image.Resampling.BICUBIC
BILINEAR = Image.Resampling.BILINEAR


def jpeg(scene, seed, taken=None, options=None):
    """The JPEG bytes of ``scene`` drawn from ``seed``, with ``taken`` (a date) in its EXIF."""
    draw, size = SCENES[scene]
    rng = random.Random(f"{scene}:{seed}")
    image = draw(rng, size, options or {})
    image = _grain(image, rng, amount=5)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, exif=_exif(taken))
    return buffer.getvalue()


def _exif(taken):
    exif = Image.Exif()
    exif[EXIF_MAKE] = MAKE
    exif[EXIF_MODEL] = MODEL
    exif[EXIF_SOFTWARE] = SOFTWARE
    if taken is not None:
        # Noon: a date read back in any time zone stays the same day.
        stamp = f"{taken:%Y:%m:%d} 12:00:00"
        exif[EXIF_DATETIME] = stamp
        exif.get_ifd(EXIF_IFD)[EXIF_DATETIME_ORIGINAL] = stamp
    return exif


# --- tools ------------------------------------------------------------------------------------


def _ramp(stops, t):
    """The colour at ``t`` (0–1) along ``stops``: ``[(position, (r, g, b)), …]``."""
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
        if t <= p1:
            f = (t - p0) / (p1 - p0) if p1 > p0 else 0.0
            return tuple(round(a + (b - a) * f) for a, b in zip(c0, c1, strict=True))
    return stops[-1][1]


def _gradient(size, stops, horizontal=False):
    w, h = size
    n = w if horizontal else h
    strip = Image.new("RGB", (n, 1) if horizontal else (1, n))
    strip.putdata([_ramp(stops, i / (n - 1)) for i in range(n)])
    return strip.resize(size, BILINEAR)


def _colormap(gray, stops):
    """An L image coloured through ``stops`` (a false-colour ramp)."""
    lut = [_ramp(stops, i / 255) for i in range(256)]
    return gray.convert("RGB").point([c[channel] for channel in range(3) for c in lut])


def _curve(gray, fn):
    """An L image passed through ``fn`` on 0–1 values."""
    return gray.point([max(0, min(255, round(255 * fn(i / 255)))) for i in range(256)])


def _ramp_between(low, high, power=1.0):
    """0 below ``low``, 1 above ``high``, smooth in between."""

    def fn(v):
        t = min(1.0, max(0.0, (v - low) / (high - low)))
        return (t * t * (3 - 2 * t)) ** power

    return fn


def _noise(rng, size, cells):
    cw, ch = max(2, round(cells[0])), max(2, round(cells[1]))
    small = Image.frombytes("L", (cw, ch), rng.randbytes(cw * ch))
    return small.resize(size, BICUBIC)


def _fractal(rng, size, cells=(4, 3), octaves=5, persistence=0.55, detail=2):
    """Smooth "clouds" noise: value noise summed over octaves, contrast stretched."""
    work = (max(2, size[0] // detail), max(2, size[1] // detail))
    result = _noise(rng, work, cells)
    total = weight = 1.0
    for octave in range(1, octaves):
        weight *= persistence
        layer = _noise(rng, work, (cells[0] * 2**octave, cells[1] * 2**octave))
        result = Image.blend(result, layer, weight / (total + weight))
        total += weight
    result = ImageOps.autocontrast(result, cutoff=0.5)
    return result.resize(size, BICUBIC) if work != size else result


def _ridges(gray, width=0.08):
    """Bright thin lines where ``gray`` crosses mid-grey: cracks, rivers, crevasses."""
    return _curve(gray, lambda v: max(0.0, 1 - abs(v - 0.5) / width) ** 1.5)


def _light(base, color, mask):
    """Light of ``color`` added through ``mask`` (screen blend: never darker, never clipped).

    Returns the lit picture; ``base`` itself may be changed.
    """
    box = mask.getbbox()
    if box is None:
        return base
    # Small lights (stars, lamps) only touch their own corner of the picture.
    region, spot = base.crop(box), mask.crop(box)
    layer = Image.new("RGB", region.size, BLACK)
    layer.paste(color, mask=spot)
    if box == (0, 0, *base.size):
        return ImageChops.screen(region, layer)
    base.paste(ImageChops.screen(region, layer), box[:2])
    return base


def _over(base, top, mask):
    """``top`` (an image or a colour) laid on ``base`` through ``mask``."""
    if isinstance(top, tuple):
        top = Image.new("RGB", base.size, top)
    return Image.composite(top, base, mask)


def _scale(gray, factor):
    return gray.point([min(255, round(v * factor)) for v in range(256)])


def _scale_rgb(image, factor):
    """Every channel of an RGB image times ``factor``, clipped."""
    return image.point([min(255, round(v * factor)) for v in range(256)] * 3)


@cache
def _radial(falloff):
    """A 256×256 spot: 255 in the middle falling to 0 at the inscribed circle."""
    # radial_gradient() reaches 255 in the corners: 181 ≈ 255 / √2 is the inscribed circle.
    return Image.radial_gradient("L").point(
        [round(255 * max(0.0, 1 - v / 181) ** falloff) for v in range(256)]
    )


def _glow(size, center, radius, falloff=2.0, strength=1.0):
    """An L mask: a soft round light of ``radius`` at ``center``."""
    step = 4 if radius > 80 else 1  # big glows are smooth: draw them small and enlarge
    w, h = size
    small = Image.new("L", (w // step + 2, h // step + 2), 0)
    r = max(1, round(radius / step))
    spot = _radial(falloff).resize((2 * r, 2 * r), BILINEAR)
    if strength != 1.0:
        spot = _scale(spot, strength)
    small.paste(spot, (round(center[0] / step) - r, round(center[1] / step) - r))
    if step == 1:
        return small.crop((0, 0, w, h))
    return small.resize((small.width * step, small.height * step), BILINEAR).crop((0, 0, w, h))


def _stars(image, rng, count, region=None, density=None, brightest=255, big=0.015):
    """Dots of starlight; with ``density`` (an L mask) they crowd where the mask is bright."""
    draw = ImageDraw.Draw(image)
    x0, y0, x1, y1 = region or (0, 0, *image.size)
    pixels = density.load() if density is not None else None
    tints = [(1.0, 1.0, 1.0), (0.85, 0.9, 1.0), (1.0, 0.92, 0.8), (0.9, 0.95, 1.0)]
    for _ in range(count):
        x, y = rng.uniform(x0, x1 - 1), rng.uniform(y0, y1 - 1)
        if pixels is not None and pixels[int(x), int(y)] < rng.randrange(256):
            continue
        value = 30 + (brightest - 30) * rng.random() ** 4
        tint = rng.choice(tints)
        color = tuple(round(value * t) for t in tint)
        if rng.random() < big:
            draw.ellipse((x - 1.3, y - 1.3, x + 1.3, y + 1.3), fill=color)
        else:
            draw.point((x, y), fill=color)
    return image


def _grain(image, rng, amount):
    """Fine luminance grain, like a sensor's: the JPEG keeps texture instead of flat areas."""
    w, h = image.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    noise = noise.point([v * (2 * amount + 1) // 256 for v in range(256)])
    return ImageChops.add(image, Image.merge("RGB", (noise, noise, noise)), 1.0, -amount)


def _shade(u, light=0.3, ambient=0.32):
    """Brightness across a cylinder seen from the side, lit from ``light`` (0 left – 1 right)."""
    lit = max(0.0, math.cos((u - light) * math.pi * 0.85))
    rim = 0.12 * max(0.0, (u - 0.9) / 0.1)
    return min(1.0, ambient + (1 - ambient) * lit**0.8 + rim)


def _part(layer, polygon, color, light=0.3, ambient=0.32, ellipse=False, across="x"):
    """A shaded solid (cylinder, cone) on an RGBA layer, from its outline ``polygon``.

    ``color`` is a colour or a function of the position across the part (0–1); the shading runs
    across ``x`` (an upright part) or ``y`` (a lying one). ``ellipse``: the polygon is a box.
    """
    xs = [p[0] for p in polygon]
    ys = [p[1] for p in polygon]
    x0, y0 = math.floor(min(xs)), math.floor(min(ys))
    w, h = math.ceil(max(xs)) - x0 + 1, math.ceil(max(ys)) - y0 + 1
    mask = Image.new("L", (w, h), 0)
    shifted = [(x - x0, y - y0) for x, y in polygon]
    if ellipse:
        ImageDraw.Draw(mask).ellipse([*shifted[0], *shifted[1]], fill=255)
    else:
        ImageDraw.Draw(mask).polygon(shifted, fill=255)
    n = w if across == "x" else h
    colors = []
    for i in range(n):
        u = i / max(1, n - 1)
        base = color(u) if callable(color) else color
        colors.append(tuple(round(c * _shade(u, light, ambient)) for c in base))
    strip = Image.new("RGB", (n, 1) if across == "x" else (1, n))
    strip.putdata(colors)
    layer.paste(strip.resize((w, h), Image.Resampling.NEAREST), (x0, y0), mask)


def _smooth_mask(mask, radius):
    """Round a mask's corners (blur, then threshold), then soften its edge by a pixel."""
    rounded = mask.filter(ImageFilter.GaussianBlur(radius)).point(
        [255 if v >= 128 else 0 for v in range(256)]
    )
    return rounded.filter(ImageFilter.GaussianBlur(1))


# --- the Earth seen from orbit ----------------------------------------------------------------


def _planet(size, horizon, tilt):
    """Mask of a planet whose limb passes through the middle of the image at ``horizon``."""
    w, _h = size
    radius = w * 2.4
    cx = w / 2 + tilt * w
    cy = horizon + math.sqrt(radius * radius - (w / 2 - cx) ** 2)
    big = (size[0] * 2, size[1] * 2)  # drawn twice as big then reduced: an antialiased limb
    mask = Image.new("L", big, 0)
    ImageDraw.Draw(mask).ellipse(
        (2 * (cx - radius), 2 * (cy - radius), 2 * (cx + radius), 2 * (cy + radius)), fill=255
    )
    return mask.resize(size, BILINEAR)


def _limb_y(planet, x):
    """Where the limb is in column ``x``."""
    column = planet.crop((x, 0, x + 1, planet.height)).tobytes()
    return next((y for y, v in enumerate(column) if v > 127), planet.height)


def _perspective(surface, size, horizon):
    """Lay a flat map (seen from above) on the ground below ``horizon``, shrinking far away."""
    w, h = size
    sw, sh = surface.size
    vanish = horizon - 0.3 * h
    if abs(vanish) < 1:
        vanish = -1.0
    d1, d2 = horizon - vanish, h - vanish
    q = sh / (1 / d1 - 1 / d2)
    p = q / d1
    sx = sw * d1 / w
    k = -vanish
    data = (
        sx / k,
        (sw / 2) / k,
        (-sx * w / 2 - (sw / 2) * vanish) / k,
        0.0,
        p / k,
        (-p * vanish - q) / k,
        0.0,
        -1 / vanish,
    )
    return surface.transform(size, Image.Transform.PERSPECTIVE, data, BILINEAR)


def _day_surface(rng, size=(1600, 1000)):
    ocean = _colormap(
        _fractal(rng, size, (3, 2), octaves=3),
        [(0, (8, 38, 92)), (1, (22, 70, 130))],
    )
    land_mask = _curve(_fractal(rng, size, (3, 2), octaves=6), _ramp_between(0.6, 0.64))
    land = _colormap(
        _fractal(rng, size, (8, 5), octaves=5),
        [(0, (60, 78, 44)), (0.5, (112, 104, 72)), (0.8, (150, 128, 92)), (1, (176, 160, 128))],
    )
    surface = Image.composite(land, ocean, land_mask)
    clouds = _fractal(rng, size, (5, 3), octaves=6, persistence=0.6)
    cover = rng.uniform(0.42, 0.55)
    surface = _over(surface, (244, 247, 252), _curve(clouds, _ramp_between(cover, cover + 0.3)))
    return surface


def _night_surface(rng, size=(1600, 1000), lights=1.0):
    surface = _colormap(
        _fractal(rng, size, (4, 3), octaves=5), [(0, (3, 5, 12)), (1, (14, 18, 30))]
    )
    clouds = _curve(_fractal(rng, size, (5, 3), octaves=6), _ramp_between(0.5, 0.85))
    surface = _over(surface, (38, 44, 58), clouds)
    if lights:
        town = _curve(_fractal(rng, size, (6, 4), octaves=5), _ramp_between(0.62, 0.9, 2))
        _stars(surface, rng, int(9000 * lights), density=town, brightest=255, big=0.3)
        glow = surface.filter(ImageFilter.GaussianBlur(3))
        surface = ImageChops.screen(
            surface, ImageChops.multiply(glow, Image.new("RGB", size, (255, 170, 90)))
        )
    return surface


def _earth_view(rng, size, horizon, night=False, tilt=None, lights=1.0):
    """The Earth from the station: its limb at ``horizon``, the thin blue line of air above."""
    if tilt is None:
        tilt = rng.choice((-1, 1)) * rng.uniform(0.08, 0.3)
    planet = _planet(size, horizon, tilt)
    surface = _night_surface(rng, lights=lights) if night else _day_surface(rng)
    ground = _perspective(surface, size, horizon)
    image = Image.composite(ground, Image.new("RGB", size, BLACK), planet)
    # Looking through more air near the limb: the ground fades into haze.
    haze = ImageChops.subtract(planet, planet.filter(ImageFilter.GaussianBlur(size[1] * 0.09)))
    haze_color = (22, 30, 60) if night else (150, 185, 230)
    image = _over(image, haze_color, _scale(haze, 2.2))
    outside = ImageChops.subtract(planet.filter(ImageFilter.GaussianBlur(size[1] * 0.025)), planet)
    line = ImageChops.subtract(planet.filter(ImageFilter.GaussianBlur(3)), planet)
    if night:
        image = _light(image, (40, 150, 90), _scale(line, 1.6))  # airglow
        image = _light(image, (10, 30, 60), _scale(outside, 1.2))
    else:
        image = _light(image, (60, 130, 255), _scale(outside, 2.6))
        image = _light(image, (200, 230, 255), _scale(line, 3.5))
    return image, planet


def _space(size, rng, stars=900):
    image = _gradient(size, [(0, (1, 2, 6)), (1, (4, 6, 14))])
    return _stars(image, rng, stars, brightest=200)


def _screen_limb(sky, earth, planet):
    """The Earth in front of the sky, its glow added to the stars above the limb."""
    return ImageChops.screen(Image.composite(Image.new("RGB", sky.size, BLACK), sky, planet), earth)


# --- scenes -----------------------------------------------------------------------------------


def cupola_sunrise(rng, size, options):
    """A sunrise on the Earth's limb, through a window of the Cupola."""
    w, h = size
    horizon = h * rng.uniform(0.5, 0.58)
    image, planet = _earth_view(rng, size, horizon, night=True, lights=0.4)
    image = ImageChops.add(image, _space(size, rng, 500))
    sun = (w * rng.uniform(0.38, 0.58), 0)
    sun = (sun[0], _limb_y(planet, int(sun[0])) - 6)
    # The dawn band: thin layers of air, red at the limb, then yellow and blue above.
    wide = _glow(size, sun, w * 0.55, falloff=1.6)
    for blur, color, gain in (
        (4, (255, 90, 30), 4.0),
        (12, (255, 170, 60), 2.6),
        (40, (50, 110, 230), 2.0),
    ):
        band = ImageChops.subtract(planet.filter(ImageFilter.GaussianBlur(blur)), planet)
        image = _light(image, color, ImageChops.multiply(_scale(band, gain), wide))
    # Sunlight catching the tops of the clouds near the sun.
    near = ImageChops.multiply(planet, _glow(size, sun, w * 0.35, falloff=2.5, strength=0.55))
    image = _light(image, (255, 150, 70), near)
    rays = Image.new("L", size, 0)
    draw = ImageDraw.Draw(rays)
    spikes, turn = rng.choice((3, 4)), rng.uniform(0, math.pi)
    for k in range(spikes):  # the lens's diffraction spikes, in opposite pairs
        angle = turn + k * math.pi / spikes
        length = w * rng.uniform(0.08, 0.2)
        dx, dy = math.cos(angle) * length, math.sin(angle) * length
        draw.line((sun[0] - dx, sun[1] - dy, sun[0] + dx, sun[1] + dy), fill=90, width=3)
    image = _light(image, (255, 245, 225), rays.filter(ImageFilter.GaussianBlur(2.5)))
    image = _light(image, (255, 250, 235), _glow(size, sun, h * 0.07, falloff=1.5))
    image = _light(image, WHITE, _glow(size, sun, 22, falloff=0.4))
    image = _cupola_frame(image, rng)
    # Light scattered in the window and the lens, over the frame too.
    return _light(image, (255, 200, 140), _glow(size, sun, h * 0.5, falloff=3.0, strength=0.7))


def _cupola_frame(image, rng):
    """The dark frame of a Cupola side window (a trapezoid with rounded corners, and bolts)."""
    w, h = image.size
    inset = rng.uniform(0.1, 0.16)
    opening = [
        (w * inset, h * 0.06),
        (w * (1 - inset), h * 0.06),
        (w * 0.985, h * 0.95),
        (w * 0.015, h * 0.95),
    ]
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).polygon(opening, fill=255)
    mask = _smooth_mask(mask, 28)
    metal = _colormap(
        _fractal(rng, image.size, (6, 4), octaves=4), [(0, (22, 23, 27)), (1, (48, 50, 56))]
    )
    metal = ImageChops.multiply(
        metal, _gradient(image.size, [(0, (150, 150, 160)), (1, (255, 255, 255))])
    )
    framed = Image.composite(image, metal, mask)
    # A bevel catching the light just around the glass.
    bevel = ImageChops.subtract(
        _curve(mask.filter(ImageFilter.GaussianBlur(7)), _ramp_between(0.02, 0.2)), mask
    )
    framed = _light(framed, (110, 100, 95), bevel)
    draw = ImageDraw.Draw(framed)
    for (x0, y0), (x1, y1) in zip(opening, opening[1:] + opening[:1], strict=True):
        length = math.hypot(x1 - x0, y1 - y0)
        nx, ny = (y1 - y0) / length, -(x1 - x0) / length  # outward normal (clockwise outline)
        for i in range(1, int(length // 150)):
            t = i / (length // 150)
            x, y = x0 + (x1 - x0) * t - nx * 34, y0 + (y1 - y0) * t - ny * 34
            draw.ellipse((x - 7, y - 7, x + 7, y + 7), fill=(60, 61, 66))
            draw.ellipse((x - 3, y - 4, x + 2, y + 1), fill=(92, 92, 98))
    return framed


def milky_way(rng, size, options):
    """The Milky Way above the night side of the Earth."""
    w, h = size
    image = _gradient(size, [(0, (2, 3, 9)), (1, (6, 8, 20))])
    small = (w // 4, h // 4)
    band = Image.new("L", small, 0)
    y0, y1 = rng.uniform(0.75, 0.95) * small[1], rng.uniform(0.0, 0.2) * small[1]
    ImageDraw.Draw(band).line(((-20, y0), (small[0] + 20, y1)), fill=255, width=small[1] // 5)
    band = band.filter(ImageFilter.GaussianBlur(small[1] / 7)).resize(size, BILINEAR)
    texture = _fractal(rng, size, (10, 7), octaves=6, persistence=0.65)
    glow = ImageChops.multiply(band, _curve(texture, lambda v: 0.35 + 0.65 * v))
    image = _light(image, (120, 130, 190), _scale(glow, 0.95))
    core = _curve(band, _ramp_between(0.3, 1.0))
    image = _light(image, (240, 212, 178), ImageChops.multiply(core, texture))
    dust = ImageChops.multiply(
        _curve(band, _ramp_between(0.55, 1.0)),
        _ridges(_fractal(rng, size, (5, 3), octaves=5), 0.18),
    )
    image = Image.composite(Image.new("RGB", size, (8, 6, 10)), image, _scale(dust, 0.85))
    _stars(image, rng, 5000, brightest=170)
    _stars(image, rng, 16000, density=band, brightest=220)
    for _ in range(rng.randint(12, 20)):
        x, y = rng.uniform(0, w), rng.uniform(0, h * 0.75)
        tint = rng.choice(((255, 240, 220), (200, 220, 255), (255, 220, 180)))
        image = _light(image, tint, _glow(size, (x, y), rng.uniform(5, 12), falloff=2.5))
    horizon = h * rng.uniform(0.78, 0.86)
    earth, planet = _earth_view(rng, size, horizon, night=True, lights=0.8)
    return _screen_limb(image, earth, planet)


def launch_pad(rng, size, options):
    """A Soyuz on its pad: at dusk at Baikonur, or an artist's daylight view at Kourou."""
    w, h = size
    kourou = options.get("site") == "kourou"
    horizon = h * rng.uniform(0.76, 0.8)
    if kourou:
        image = _gradient(
            size,
            [
                (0, (34, 86, 168)),
                (0.55, (110, 165, 225)),
                (0.8, (190, 215, 238)),
                (1, (190, 215, 238)),
            ],
        )
        puffs = _fractal(rng, size, (7, 4), octaves=6, persistence=0.6)
        sky_part = _gradient(
            size,
            [
                (0, (0, 0, 0)),
                (0.1, (255, 255, 255)),
                (0.7, (255, 255, 255)),
                (0.8, (0, 0, 0)),
                (1, (0, 0, 0)),
            ],
        ).convert("L")
        cover = ImageChops.multiply(_curve(puffs, _ramp_between(0.55, 0.8)), sky_part)
        shadow = ImageChops.offset(cover, 0, -14)
        image = _over(image, (150, 165, 185), _scale(shadow, 0.6))
        image = _over(image, (250, 250, 252), cover)
    else:
        image = _gradient(
            size,
            [
                (0, (7, 10, 30)),
                (0.38, (40, 38, 90)),
                (0.62, (140, 76, 96)),
                (0.8, (248, 150, 78)),
                (1, (248, 150, 78)),
            ],
        )
        _stars(image, rng, 500, region=(0, 0, w, h * 0.35), brightest=160)
        streaks = _fractal(rng, size, (2, 18), octaves=4, persistence=0.5)
        sky_part = _gradient(
            size,
            [
                (0, (0, 0, 0)),
                (0.3, (255, 255, 255)),
                (0.76, (255, 255, 255)),
                (0.8, (0, 0, 0)),
                (1, (0, 0, 0)),
            ],
        ).convert("L")
        cover = ImageChops.multiply(_curve(streaks, _ramp_between(0.55, 0.85)), sky_part)
        image = _over(image, (70, 48, 78), _scale(cover, 0.85))
        image = _light(image, (255, 140, 80), _scale(ImageChops.offset(cover, 0, 3), 0.35))
        image = _light(
            image,
            (255, 190, 120),
            _glow(size, (w * rng.uniform(0.2, 0.8), horizon), w * 0.5, falloff=2.2, strength=0.7),
        )
    # The ground: steppe at Baikonur, rainforest at the edge of the Kourou clearing.
    ground_mask = Image.new("L", size, 0)
    edge = [horizon] * 2
    if kourou:
        tops = _noise(rng, (w, 1), (60, 1)).tobytes()
        edge = [horizon - 10 - tops[x] * 0.18 for x in range(0, w, 4)]
        outline = [(x * 4, y) for x, y in enumerate(edge)] + [(w, h), (0, h)]
    else:
        outline = [(0, horizon), (w, horizon - rng.uniform(-6, 6)), (w, h), (0, h)]
    ImageDraw.Draw(ground_mask).polygon(outline, fill=255)
    texture = _fractal(rng, size, (20, 8), octaves=5)
    if kourou:
        ground = _colormap(texture, [(0, (18, 50, 26)), (0.6, (42, 92, 44)), (1, (70, 120, 60))])
        clearing = _gradient(
            size, [(0, (0, 0, 0)), (0.86, (0, 0, 0)), (0.9, (255, 255, 255)), (1, (255, 255, 255))]
        ).convert("L")
        ground = _over(ground, (118, 140, 80), clearing)
    else:
        ground = _colormap(texture, [(0, (16, 13, 20)), (1, (40, 32, 36))])
    image = Image.composite(ground, image, ground_mask)
    base_y = h * 0.9
    x = w * rng.uniform(0.4, 0.5)
    u = h * (0.66 if kourou else 0.7)
    pad = [
        (x - 0.3 * u, base_y + 0.02 * h),
        (x + 0.3 * u, base_y + 0.02 * h),
        (x + 0.42 * u, h),
        (x - 0.42 * u, h),
    ]
    ImageDraw.Draw(image).polygon(pad, fill=(165, 163, 158) if kourou else (46, 44, 50))
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    tower_color = (150, 40, 30, 255) if kourou else (20, 18, 26, 255)
    tx = x + u * 0.2
    _lattice(
        draw, tx, tx + u * 0.07, base_y - u * 1.06, base_y, tower_color, max(2, round(u * 0.004))
    )
    for level in (0.35, 0.62, 0.8):  # service arms reaching to the rocket
        y = base_y - u * level
        draw.rectangle((x + u * 0.035, y - 3, tx, y + 3), fill=tower_color)
    if kourou:
        gx = x + u * 0.45
        _part(
            layer,
            [
                (gx, base_y - u * 1.15),
                (gx + u * 0.3, base_y - u * 1.15),
                (gx + u * 0.3, base_y),
                (gx, base_y),
            ],
            (225, 226, 228),
            light=0.2,
            ambient=0.55,
        )
        for i in range(1, 12):
            rx = gx + u * 0.3 * i / 12
            draw.line((rx, base_y - u * 1.15, rx, base_y), fill=(170, 172, 176, 255), width=2)
        draw.rectangle(
            (gx - 4, base_y - u * 1.19, gx + u * 0.3 + 4, base_y - u * 1.15), fill=(90, 92, 96, 255)
        )
    _soyuz(layer, x, base_y, u, light=0.28 if kourou else 0.35)
    arm_color = (60, 60, 64, 255) if kourou else (24, 22, 28, 255)
    for side in (-1, 1):  # the four support arms that hold a Soyuz by its boosters
        draw.polygon(
            [
                (x + side * 0.16 * u, base_y),
                (x + side * 0.2 * u, base_y),
                (x + side * 0.09 * u, base_y - 0.36 * u),
                (x + side * 0.075 * u, base_y - 0.36 * u),
            ],
            fill=arm_color,
        )
    if not kourou:
        lit = Image.new("RGB", size, (255, 205, 160))
        rgb = ImageChops.multiply(layer.convert("RGB"), lit)
        layer = Image.merge("RGBA", (*rgb.split(), layer.getchannel("A")))
    image.paste(layer, (0, 0), layer)
    if not kourou:
        for lamp_x in (x - 0.55 * u, x + 0.7 * u):  # floodlights on their masts
            lamp = (lamp_x, base_y - 0.5 * u)
            ImageDraw.Draw(image).line((lamp_x, base_y, *lamp), fill=(18, 16, 22), width=5)
            beam = Image.new("L", size, 0)
            ImageDraw.Draw(beam).polygon(
                [lamp, (x - 0.06 * u, base_y - 0.95 * u), (x + 0.06 * u, base_y)], fill=70
            )
            image = _light(image, (255, 225, 180), beam.filter(ImageFilter.GaussianBlur(30)))
            image = _light(image, (255, 240, 210), _glow(size, lamp, 40, falloff=2))
        for level in (0.3, 0.6, 0.9, 1.06):
            lamp = (tx + u * 0.035, base_y - u * level)
            image = _light(
                image,
                (255, 60, 40) if level > 1 else (255, 230, 190),
                _glow(size, lamp, 10, falloff=1.6),
            )
        image = _light(
            image, (255, 190, 130), _glow(size, (x, base_y), u * 0.35, falloff=2, strength=0.6)
        )
    return image


def _lattice(draw, x0, x1, top, bottom, color, width):
    """A launch tower: two legs braced with crosses."""
    step = x1 - x0
    draw.line((x0, top, x0, bottom), fill=color, width=width * 2)
    draw.line((x1, top, x1, bottom), fill=color, width=width * 2)
    y = top
    while y < bottom:
        draw.line((x0, y, x1, y), fill=color, width=width)
        draw.line((x0, y, x1, min(bottom, y + step)), fill=color, width=width)
        draw.line((x1, y, x0, min(bottom, y + step)), fill=color, width=width)
        y += step
    draw.rectangle((x0 - step * 0.4, top - width * 3, x1 + step * 0.4, top), fill=color)


def _soyuz(layer, x, base, u, light=0.3):
    """A Soyuz (core, four boosters, third stage, fairing) of height ``u`` standing at ``base``."""

    def y(f):
        return base - f * u

    body = (205, 204, 198)
    fairing = (232, 232, 230)
    dark = (40, 40, 44, 255)
    draw = ImageDraw.Draw(layer)
    for side in (-1, 1):
        draw.polygon(
            [
                (x + side * 0.045 * u, y(0)),
                (x + side * 0.085 * u, y(0)),
                (x + side * 0.08 * u, y(-0.025)),
                (x + side * 0.05 * u, y(-0.025)),
            ],
            fill=dark,
        )
    core = [
        (x - 0.028 * u, y(0)),
        (x + 0.028 * u, y(0)),
        (x + 0.033 * u, y(0.45)),
        (x + 0.033 * u, y(0.62)),
        (x - 0.033 * u, y(0.62)),
        (x - 0.033 * u, y(0.45)),
    ]
    _part(layer, core, body, light)
    for side in (-1, 1):
        booster = [
            (x + side * 0.031 * u, y(0.445)),
            (x + side * 0.047 * u, y(0.40)),
            (x + side * 0.1 * u, y(0.03)),
            (x + side * 0.098 * u, y(0)),
            (x + side * 0.03 * u, y(0)),
            (x + side * 0.03 * u, y(0.40)),
        ]
        _part(layer, booster, body, light)
    front = [
        (x, y(0.455)),
        (x + 0.012 * u, y(0.41)),
        (x + 0.036 * u, y(0.005)),
        (x - 0.036 * u, y(0.005)),
        (x - 0.012 * u, y(0.41)),
    ]
    _part(layer, front, body, light)
    draw.rectangle((x - 0.03 * u, y(0.645), x + 0.03 * u, y(0.62)), fill=dark)
    for i in range(6):  # the open truss between the core and the third stage
        xa = x - 0.03 * u + i * 0.01 * u
        draw.line((xa, y(0.62), xa + 0.01 * u, y(0.645)), fill=(120, 120, 120, 255), width=1)
    _part(
        layer,
        [
            (x - 0.03 * u, y(0.645)),
            (x + 0.03 * u, y(0.645)),
            (x + 0.03 * u, y(0.78)),
            (x - 0.03 * u, y(0.78)),
        ],
        body,
        light,
    )
    cap = [
        (x - 0.037 * u, y(0.78)),
        (x + 0.037 * u, y(0.78)),
        (x + 0.037 * u, y(0.88)),
        (x + 0.03 * u, y(0.91)),
        (x + 0.017 * u, y(0.94)),
        (x + 0.006 * u, y(0.955)),
        (x - 0.006 * u, y(0.955)),
        (x - 0.017 * u, y(0.94)),
        (x - 0.03 * u, y(0.91)),
        (x - 0.037 * u, y(0.88)),
    ]
    _part(layer, cap, fairing, light)
    _part(
        layer,
        [
            (x - 0.005 * u, y(0.955)),
            (x + 0.005 * u, y(0.955)),
            (x + 0.002 * u, y(1.0)),
            (x - 0.002 * u, y(1.0)),
        ],
        (150, 150, 150),
        light,
    )
    for f in (0.2, 0.45, 0.78, 0.84):  # seams between stages and panels
        draw.line((x - 0.03 * u, y(f), x + 0.03 * u, y(f)), fill=(120, 118, 112, 255), width=1)
    draw.rectangle((x - 0.01 * u, y(0.86), x + 0.01 * u, y(0.845)), fill=(30, 60, 150, 255))


def station(rng, size, options):
    """The International Space Station above the Earth (``era`` "2001": the early station)."""
    w, h = size
    early = options.get("era") == "2001"
    horizon = h * rng.uniform(0.66, 0.78)
    image, _planet_mask = _earth_view(rng, size, horizon)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    cx, cy = w * 0.5, h * 0.42
    s = w * (0.62 if early else 0.78)
    light = 0.25
    white, grey = (236, 236, 232), (178, 178, 176)
    gold, blue = (176, 120, 52), (34, 50, 96)
    draw = ImageDraw.Draw(layer)

    def module(x, y0, y1, width, color=white):
        _part(
            layer,
            [(x - width / 2, y0), (x + width / 2, y0), (x + width / 2, y1), (x - width / 2, y1)],
            color,
            light,
        )
        for k in range(1, max(2, int((y1 - y0) / (s * 0.02)))):
            yy = y0 + k * s * 0.02
            draw.line((x - width / 2, yy, x + width / 2, yy), fill=(150, 150, 150, 255), width=1)

    def blanket(x0, y0, x1, y1, color, across):
        _part(layer, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], color, 0.5, ambient=0.7)
        cell = s * 0.009
        if across:  # cell lines across the blanket's length
            for k in range(1, int((y1 - y0) / cell)):
                draw.line((x0, y0 + k * cell, x1, y0 + k * cell), fill=(60, 40, 20, 255), width=1)
        else:
            for k in range(1, int((x1 - x0) / cell)):
                draw.line((x0 + k * cell, y0, x0 + k * cell, y1), fill=(60, 40, 20, 255), width=1)

    if early:
        module(cx, cy - s * 0.14, cy + s * 0.36, s * 0.05)  # Destiny, Unity, Zarya, Zvezda
        draw.rectangle(
            (cx - s * 0.012, cy - s * 0.2, cx + s * 0.012, cy - s * 0.14), fill=grey + (255,)
        )
        for side in (-1, 1):  # the P6 arrays, spread like wings above the stack
            x_in, x_out = cx + side * s * 0.02, cx + side * s * 0.5
            x0, x1 = sorted((x_in, x_out))
            blanket(x0, cy - s * 0.245, x1, cy - s * 0.205, gold, False)
            blanket(x0, cy - s * 0.195, x1, cy - s * 0.155, gold, False)
        draw.rectangle(
            (cx - s * 0.5, cy - s * 0.203, cx + s * 0.5, cy - s * 0.197), fill=grey + (255,)
        )
        _part(
            layer,
            [
                (cx - s * 0.02, cy - s * 0.12),
                (cx + s * 0.02, cy - s * 0.12),
                (cx + s * 0.02, cy - s * 0.0),
                (cx - s * 0.02, cy - s * 0.0),
            ],
            white,
            light,
        )
        russian_y = cy + s * 0.3
    else:
        module(cx, cy - s * 0.2, cy + s * 0.3, s * 0.045)
        _part(
            layer,
            [
                (cx - s * 0.14, cy - s * 0.17),
                (cx - s * 0.02, cy - s * 0.17),
                (cx - s * 0.02, cy - s * 0.13),
                (cx - s * 0.14, cy - s * 0.13),
            ],
            white,
            0.3,
        )
        _part(
            layer,
            [
                (cx + s * 0.02, cy - s * 0.17),
                (cx + s * 0.16, cy - s * 0.17),
                (cx + s * 0.16, cy - s * 0.13),
                (cx + s * 0.02, cy - s * 0.13),
            ],
            white,
            0.3,
        )
        for side in (-1, 1):  # radiators hanging below the truss
            x = cx + side * s * 0.19
            for k in range(3):
                top = cy + s * (0.02 + k * 0.055)
                draw.rectangle(
                    (x - s * 0.022, top, x + s * 0.022, top + s * 0.05),
                    fill=(244, 244, 240, 255),
                    outline=(170, 170, 170, 255),
                )
        draw.rectangle(
            (cx - s * 0.5, cy - s * 0.012, cx + s * 0.5, cy + s * 0.012), fill=grey + (255,)
        )
        x = cx - s * 0.5
        while x < cx + s * 0.5:  # the truss is a lattice
            draw.line(
                (x, cy - s * 0.012, x + s * 0.012, cy + s * 0.012),
                fill=(120, 120, 118, 255),
                width=1,
            )
            x += s * 0.012
        for offset in (0.34, 0.47):
            for side in (-1, 1):
                x = cx + side * s * offset
                for sign in (-1, 1):
                    y0, y1 = sorted((cy + sign * s * 0.015, cy + sign * s * 0.23))
                    blanket(x - s * 0.042, y0, x - s * 0.003, y1, gold, True)
                    blanket(x + s * 0.003, y0, x + s * 0.042, y1, gold, True)
                    draw.line((x, y0, x, y1), fill=grey + (255,), width=2)
        russian_y = cy + s * 0.26
    for side in (-1, 1):  # Zvezda's own solar panels
        x0, x1 = sorted((cx + side * s * 0.03, cx + side * s * 0.15))
        blanket(x0, russian_y - s * 0.012, x1, russian_y + s * 0.012, blue, False)
    angle = rng.uniform(-24, 24)
    layer = layer.rotate(angle, BICUBIC, center=(cx, cy))
    image.paste(layer, (0, 0), layer)
    return image


def capsule(rng, size, options):
    """A Dragon against the Earth: ``vehicle`` cargo or crew, ``view`` undocking or approach."""
    w, h = size
    cargo = options.get("vehicle") == "cargo"
    approach = options.get("view") == "approach"
    horizon = h * rng.uniform(0.1, 0.22)
    image, _planet_mask = _earth_view(rng, size, horizon)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    cx, cy = w * rng.uniform(0.45, 0.58), h * 0.5
    s = h * (0.42 if approach else 0.62)
    _dragon(layer, cx, cy, s, cargo, open_nose=True)
    puffs = Image.new("L", size, 0)
    pd = ImageDraw.Draw(puffs)
    if not approach:
        for side in (-1, 1):  # Draco thrusters firing to back away
            px, py = cx + side * s * 0.2, cy - s * 0.34
            x0, x1 = sorted((px + side * s * 0.01, px + side * s * 0.14))
            pd.ellipse((x0, py - s * 0.03, x1, py + s * 0.03), fill=170)
    angle = rng.uniform(-40, -15) if not approach else rng.uniform(150, 200)
    layer = layer.rotate(angle, BICUBIC, center=(cx, cy))
    puffs = puffs.rotate(angle, BICUBIC, center=(cx, cy)).filter(ImageFilter.GaussianBlur(14))
    image.paste(layer, (0, 0), layer)
    image = _light(image, (235, 240, 250), puffs)
    if approach:
        tip = (
            cx - math.sin(math.radians(angle)) * s * 0.47,
            cy - math.cos(math.radians(angle)) * s * 0.47,
        )
        image = _light(image, (255, 255, 240), _glow(size, tip, 18, falloff=1.2))
        image = _light(image, (255, 250, 230), _glow(size, tip, 70, falloff=3, strength=0.6))
        module = Image.new("RGBA", size, (0, 0, 0, 0))  # the edge of a station module, close by
        _part(
            module,
            [(-10, h * 0.84), (w + 10, h * 0.9), (w + 10, h + 10), (-10, h + 10)],
            (205, 205, 200),
            0.2,
            across="y",
        )
        md = ImageDraw.Draw(module)
        for k in range(1, 14):
            x = k * w / 14
            md.line((x, h * 0.84 + x / w * h * 0.06, x, h), fill=(150, 150, 146, 255), width=3)
        md.line((0, h * 0.865, w, h * 0.925), fill=(210, 170, 60, 255), width=6)  # a handrail
        image.paste(module, (0, 0), module)
    else:
        image = _window(image, rng)
    return image


def _dragon(layer, cx, cy, s, cargo, open_nose):
    """A Dragon (capsule on its trunk) of height ``s``, the capsule's base at ``cy``."""
    white = (232, 233, 235)
    draw = ImageDraw.Draw(layer)

    def trunk_color(u):
        return (30, 42, 82) if u < 0.5 else (236, 236, 236)

    _part(
        layer,
        [
            (cx - s * 0.22, cy + s * 0.01),
            (cx + s * 0.22, cy + s * 0.01),
            (cx + s * 0.22, cy + s * 0.47),
            (cx - s * 0.22, cy + s * 0.47),
        ],
        trunk_color,
        0.3,
    )
    for k in range(1, 12):  # solar cells on one half of the trunk
        y = cy + s * (0.01 + 0.46 * k / 12)
        draw.line((cx - s * 0.22, y, cx, y), fill=(70, 80, 120, 255), width=1)
    for k in range(1, 4):  # radiator fins on the other half
        x = cx + s * 0.055 * k
        draw.line((x, cy + s * 0.02, x, cy + s * 0.46), fill=(190, 190, 190, 255), width=2)
    draw.ellipse(
        (cx - s * 0.245, cy - s * 0.03, cx + s * 0.245, cy + s * 0.035), fill=(38, 36, 38, 255)
    )
    body = [
        (cx - s * 0.245, cy),
        (cx - s * 0.225, cy - s * 0.08),
        (cx - s * 0.12, cy - s * 0.44),
        (cx + s * 0.12, cy - s * 0.44),
        (cx + s * 0.225, cy - s * 0.08),
        (cx + s * 0.245, cy),
    ]
    _part(layer, body, white, 0.3)
    draw.line(
        (cx - s * 0.232, cy - s * 0.045, cx + s * 0.232, cy - s * 0.045),
        fill=(80, 80, 84, 255),
        width=max(1, round(s * 0.01)),
    )
    for side in (-1, 1):
        tx = cx + side * s * 0.15
        draw.rectangle(
            (tx - s * 0.012, cy - s * 0.35, tx + s * 0.012, cy - s * 0.33), fill=(45, 45, 50, 255)
        )
        if not cargo:  # SuperDraco pods and windows
            px = cx + side * s * 0.195
            draw.rectangle(
                (px - s * 0.018, cy - s * 0.13, px + s * 0.018, cy - s * 0.07),
                fill=(60, 60, 66, 255),
            )
    if not cargo:
        draw.rounded_rectangle(
            (cx - s * 0.07, cy - s * 0.29, cx - s * 0.02, cy - s * 0.24),
            radius=s * 0.01,
            fill=(20, 24, 34, 255),
        )
        draw.rounded_rectangle(
            (cx + s * 0.02, cy - s * 0.29, cx + s * 0.07, cy - s * 0.24),
            radius=s * 0.01,
            fill=(20, 24, 34, 255),
        )
    if open_nose:
        draw.rectangle(
            (cx - s * 0.075, cy - s * 0.47, cx + s * 0.075, cy - s * 0.44), fill=(70, 70, 74, 255)
        )
        _part(
            layer,
            [(cx + s * 0.05, cy - s * 0.57), (cx + s * 0.27, cy - s * 0.47)],
            white,
            0.3,
            ellipse=True,
        )
    else:
        _part(
            layer,
            [(cx - s * 0.12, cy - s * 0.5), (cx + s * 0.12, cy - s * 0.39)],
            white,
            0.3,
            ellipse=True,
        )


def _window(image, rng):
    """Seen through a spacecraft window: a dark rounded frame around the view."""
    w, h = image.size
    mask = Image.new("L", image.size, 0)
    inset = rng.uniform(0.035, 0.06)
    ImageDraw.Draw(mask).rounded_rectangle(
        (w * inset, h * inset * 1.2, w * (1 - inset), h * (1 - inset * 1.2)),
        radius=h * 0.16,
        fill=255,
    )
    mask = mask.filter(ImageFilter.GaussianBlur(6))
    frame = _gradient(image.size, [(0, (30, 31, 36)), (1, (12, 12, 15))])
    framed = Image.composite(image, frame, mask)
    bevel = ImageChops.subtract(
        _curve(mask.filter(ImageFilter.GaussianBlur(10)), _ramp_between(0.05, 0.3)), mask
    )
    return _light(framed, (70, 72, 80), bevel)


def portrait(rng, size, options):
    """An astronaut's official-portrait pose, as a faceless silhouette: suit, patches, flag."""
    w, h = size
    backdrop, _planet_mask = _earth_view(rng, size, h * rng.uniform(0.5, 0.6))
    backdrop = backdrop.filter(ImageFilter.GaussianBlur(14))
    image = ImageChops.multiply(backdrop, Image.new("RGB", size, (170, 176, 196)))
    image = _light(
        image, (120, 140, 190), _glow(size, (w * 0.5, h * 0.38), h * 0.45, falloff=2, strength=0.6)
    )
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    sokol = options.get("suit", "sokol") == "sokol"
    skin = tuple(options.get("skin", (214, 170, 140)))
    hair = tuple(options.get("hair_color", (92, 64, 44)))
    suit, accent = ((236, 236, 232), (44, 78, 160)) if sokol else ((238, 238, 238), (46, 46, 52))
    if options.get("hair") == "bob":  # hair falling behind the head
        _part(layer, [(w * 0.3, h * 0.22), (w * 0.7, h * 0.55)], hair, 0.35, ellipse=True)
    _part(
        layer,
        [(w * 0.41, h * 0.46), (w * 0.59, h * 0.46), (w * 0.59, h * 0.64), (w * 0.41, h * 0.64)],
        tuple(round(c * 0.85) for c in skin),
        0.35,
    )
    _part(
        layer, [(w * 0.02, h * 0.62), (w * 0.98, h * 1.4)], suit, 0.35, ambient=0.45, ellipse=True
    )
    draw.ellipse((w * 0.31, h * 0.585, w * 0.69, h * 0.67), fill=accent + (255,))
    draw.ellipse(
        (w * 0.37, h * 0.6, w * 0.63, h * 0.65), fill=tuple(round(c * 0.75) for c in skin) + (255,)
    )
    if sokol:  # the zipped V of a Sokol suit
        draw.line(
            (w * 0.4, h * 0.66, w * 0.5, h * 0.82, w * 0.6, h * 0.66), fill=accent + (255,), width=8
        )
        draw.line((w * 0.5, h * 0.82, w * 0.5, h), fill=accent + (255,), width=8)
    else:
        draw.line((w * 0.5, h * 0.67, w * 0.5, h), fill=(80, 80, 86, 255), width=5)
        draw.polygon(
            [(w * 0.08, h * 0.8), (w * 0.22, h * 0.7), (w * 0.26, h * 0.74), (w * 0.12, h * 0.86)],
            fill=accent + (255,),
        )
    for side in (-1, 1):
        _part(
            layer,
            [
                (w * (0.5 + side * 0.175) - w * 0.03, h * 0.36),
                (w * (0.5 + side * 0.175) + w * 0.03, h * 0.44),
            ],
            tuple(round(c * 0.92) for c in skin),
            0.35,
            ellipse=True,
        )
    _part(
        layer, [(w * 0.33, h * 0.23), (w * 0.67, h * 0.56)], skin, 0.38, ambient=0.5, ellipse=True
    )
    if options.get("hair") == "bob":
        draw.chord((w * 0.31, h * 0.21, w * 0.69, h * 0.43), 180, 360, fill=hair + (255,))
        draw.pieslice((w * 0.31, h * 0.21, w * 0.69, h * 0.43), 150, 200, fill=hair + (255,))
    else:  # close-cropped: a soft shadow of hair on the crown
        crown = Image.new("L", size, 0)
        ImageDraw.Draw(crown).chord((w * 0.34, h * 0.232, w * 0.66, h * 0.37), 180, 360, fill=210)
        crown = ImageChops.multiply(
            crown.filter(ImageFilter.GaussianBlur(8)), layer.getchannel("A")
        )
        shadow = Image.new("RGBA", size, tuple(round(c * 0.6) for c in skin) + (255,))
        layer = Image.composite(shadow, layer, crown)
        draw = ImageDraw.Draw(layer)
    fx, fy, fw = w * 0.17, h * 0.76, w * 0.12  # the flag on the right sleeve
    _flag(draw, (fx, fy, fw, fw * 0.66), options.get("flag", "FR"))
    px, py, pr = w * 0.71, h * 0.79, w * 0.065  # an agency-style round patch
    draw.ellipse(
        (px - pr, py - pr, px + pr, py + pr),
        fill=(0, 48, 120, 255),
        outline=(240, 240, 240, 255),
        width=5,
    )
    draw.ellipse(
        (px - pr * 0.45, py - pr * 0.45, px + pr * 0.45, py + pr * 0.45),
        outline=(240, 240, 240, 255),
        width=4,
    )
    draw.rectangle((w * 0.6, h * 0.9, w * 0.82, h * 0.935), fill=(40, 40, 46, 255))
    image.paste(layer, (0, 0), layer)
    # A soft key light from the left, as in a studio portrait.
    return _light(
        image,
        (255, 240, 225),
        _glow(size, (w * 0.3, h * 0.35), h * 0.3, falloff=2.5, strength=0.25),
    )


FLAG_BANDS = {
    "ESA": ("columns", [(0, 51, 153)] * 3),  # a plain patch of ESA blue (any nationality)
    "FR": ("columns", [(0, 35, 149), (255, 255, 255), (237, 41, 57)]),
    "RU": ("rows", [(255, 255, 255), (0, 57, 166), (213, 43, 30)]),
}


def _flag(draw, box, country):
    """A sleeve flag (simplified) of ``country``: "FR", "RU", "US" or "JP", or "ESA"."""
    x, y, fw, fh = box
    if country == "JP":
        draw.rectangle((x, y, x + fw, y + fh), fill=(255, 255, 255, 255))
        r = fh * 0.3
        cx, cy = x + fw / 2, y + fh / 2
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(188, 0, 45, 255))
        return
    if country == "US":
        for k in range(7):  # seven stripes stand in for thirteen at this size
            color = (178, 34, 52) if k % 2 == 0 else (255, 255, 255)
            draw.rectangle((x, y + k * fh / 7, x + fw, y + (k + 1) * fh / 7), fill=color + (255,))
        draw.rectangle((x, y, x + fw * 0.4, y + fh * 4 / 7), fill=(60, 59, 110, 255))
        return
    layout, colors = FLAG_BANDS[country]
    for k, color in enumerate(colors):
        if layout == "columns":
            band = (x + k * fw / 3, y, x + (k + 1) * fw / 3, y + fh)
        else:
            band = (x, y + k * fh / 3, x + fw, y + (k + 1) * fh / 3)
        draw.rectangle(band, fill=tuple(color) + (255,))


# --- the Earth seen straight down -------------------------------------------------------------


def _relief(image, height, amount=7):
    """Hill shading: light from the top left, read from the slope of ``height``."""
    slope = ImageChops.subtract(height, ImageChops.offset(height, 3, 3), 1.0, 128)
    shade = slope.point([max(0, min(255, 128 + (v - 128) * amount)) for v in range(256)])
    return ImageChops.overlay(image, Image.merge("RGB", (shade, shade, shade)))


def _cloud_wisps(image, rng, cover=0.62, opacity=0.8):
    clouds = _fractal(rng, image.size, (5, 3), octaves=6, persistence=0.62)
    mask = _scale(_curve(clouds, _ramp_between(cover, cover + 0.3)), opacity)
    return _over(image, (246, 248, 252), mask)


def glacier(rng, size, options):
    """A valley glacier and its tributaries between snowy ridges, seen from above."""
    w, h = size
    ridged = _curve(
        _fractal(rng, size, (4, 3), octaves=7, persistence=0.55), lambda v: 1 - abs(2 * v - 1)
    )
    height = ImageChops.add(
        _scale(ridged, 0.6), _scale(_fractal(rng, size, (3, 2), octaves=3), 0.4)
    )
    height = ImageOps.autocontrast(height, cutoff=0.5)
    image = _colormap(
        height,
        [
            (0, (38, 34, 34)),
            (0.45, (88, 80, 74)),
            (0.7, (128, 120, 112)),
            (0.8, (214, 222, 234)),
            (1, (250, 252, 255)),
        ],
    )
    ice, moraines = Image.new("L", size, 0), Image.new("L", size, 0)
    ice_draw, moraine_draw = ImageDraw.Draw(ice), ImageDraw.Draw(moraines)

    def flow(start, end, width):
        length = math.hypot(end[0] - start[0], end[1] - start[1])
        nx, ny = -(end[1] - start[1]) / length, (end[0] - start[0]) / length
        waves, phase = rng.uniform(1, 2.2), rng.uniform(0, 6.3)
        amplitude = rng.uniform(0.03, 0.07) * length
        points = []
        for step in range(61):
            t = step / 60
            bend = math.sin(t * math.pi * waves + phase) * amplitude * math.sin(t * math.pi)
            points.append(
                (
                    start[0] + (end[0] - start[0]) * t + nx * bend,
                    start[1] + (end[1] - start[1]) * t + ny * bend,
                )
            )
        ice_draw.line(points, fill=255, width=round(width), joint="curve")
        for offset in (-0.28, 0.0, 0.28):  # moraines: rock carried along in stripes
            moraine_draw.line(
                [(x + nx * offset * width, y + ny * offset * width) for x, y in points],
                fill=210,
                width=max(2, round(width * 0.035)),
                joint="curve",
            )
        return points

    main = flow((-60, h * rng.uniform(0.15, 0.4)), (w + 60, h * rng.uniform(0.6, 0.85)), h * 0.15)
    for _ in range(rng.randint(4, 6)):
        joint = main[rng.randint(10, 50)]
        top = rng.random() < 0.5
        start = (joint[0] + rng.uniform(-0.3, 0.3) * w, -60 if top else h + 60)
        flow(start, joint, h * rng.uniform(0.05, 0.08))
    ice = ice.filter(ImageFilter.GaussianBlur(6))
    ice_color = _colormap(
        _fractal(rng, size, (24, 16), octaves=4), [(0, (180, 198, 216)), (1, (236, 242, 248))]
    )
    moraines = ImageChops.multiply(moraines.filter(ImageFilter.GaussianBlur(2.5)), ice)
    ice_color = _over(ice_color, (96, 88, 80), _scale(moraines, 0.8))
    image = Image.composite(ice_color, image, ice)
    lakes = ImageChops.multiply(
        _curve(_fractal(rng, size, (7, 5), octaves=4), _ramp_between(0.94, 0.96)),
        ImageOps.invert(ice),
    )
    image = _over(image, (36, 100, 118), _curve(lakes, _ramp_between(0.1, 0.4)))
    image = _relief(image, ImageChops.add(height, _scale(ice, 0.15)), amount=6)
    return _cloud_wisps(image, rng, cover=0.76, opacity=0.6)


def city_night(rng, size, options):
    """A coastal city at night: a grid of orange streets, suburbs and roads, the sea black."""
    w, h = size
    land = _colormap(_fractal(rng, size, (5, 3), octaves=5), [(0, (3, 4, 9)), (1, (12, 14, 22))])
    across = _gradient(size, [(0, (0, 0, 0)), (1, (255, 255, 255))], horizontal=True).convert("L")
    if rng.random() < 0.5:
        across = ImageOps.invert(across)
    coast = Image.blend(across, _fractal(rng, size, (4, 3), octaves=6), 0.45)
    sea = _curve(coast, _ramp_between(0.66, 0.68))
    image = _over(land, (1, 2, 6), sea)
    density = Image.new("L", size, 0)
    centers = [(w * rng.uniform(0.3, 0.5), h * rng.uniform(0.35, 0.6))]
    centers += [
        (w * rng.uniform(0.02, 0.98), h * rng.uniform(0.02, 0.98))
        for _ in range(rng.randint(8, 12))
    ]
    for k, (x, y) in enumerate(centers):
        radius = w * (0.24 if k == 0 else rng.uniform(0.025, 0.06))
        density = ImageChops.lighter(density, _glow(size, (x, y), radius, falloff=1.6))
    sprawl = _curve(_fractal(rng, size, (12, 8), octaves=5), lambda v: 0.2 + 0.8 * v**1.5)
    density = _curve(ImageChops.multiply(density, sprawl), _ramp_between(0.05, 0.75))
    streets = Image.new("L", size, 0)
    draw = ImageDraw.Draw(streets)
    for turn in (0, math.pi / 2):  # a street grid, at a slant
        angle = turn + rng.uniform(0.2, 0.6)
        dx, dy = math.cos(angle), math.sin(angle)
        for k in range(-140, 141):
            ox, oy = w / 2 - dy * k * 7, h / 2 + dx * k * 7
            draw.line((ox - dx * w, oy - dy * w, ox + dx * w, oy + dy * w), fill=255, width=1)
    roads = Image.new("L", size, 0)
    draw = ImageDraw.Draw(roads)
    for x, y in centers[:6]:  # highways out of town
        for _ in range(rng.randint(3, 5)):
            angle, length = rng.uniform(0, 2 * math.pi), w * rng.uniform(0.2, 0.6)
            points = [(x, y)]
            for _step in range(30):
                angle += rng.uniform(-0.1, 0.1)
                x2, y2 = points[-1]
                points.append(
                    (x2 + math.cos(angle) * length / 30, y2 + math.sin(angle) * length / 30)
                )
            draw.line(points, fill=200, width=2)
    sparkle = _curve(_noise(rng, size, (w // 3, h // 3)), _ramp_between(0.45, 0.8))
    lit = ImageChops.multiply(ImageChops.lighter(_scale(streets, 0.75), sparkle), density)
    lit = ImageChops.lighter(
        lit, ImageChops.multiply(roads, ImageChops.lighter(sparkle, _scale(density, 4)))
    )
    lit = ImageChops.multiply(lit, ImageOps.invert(sea))
    lights = _colormap(
        lit, [(0, (0, 0, 0)), (0.25, (110, 46, 10)), (0.6, (255, 146, 42)), (1, (255, 232, 180))]
    )
    image = ImageChops.screen(image, lights)
    return ImageChops.screen(image, _scale_rgb(lights.filter(ImageFilter.GaussianBlur(9)), 1.3))


def sea_ice(rng, size, options):
    """The edge of the pack ice: floes crack apart and drift off into the open sea."""
    w, h = size
    water = _colormap(_fractal(rng, size, (3, 2), octaves=3), [(0, (6, 18, 34)), (1, (16, 36, 60))])
    openness = _fractal(rng, size, (3, 2), octaves=4)
    open_pixels = openness.load()
    floes = Image.new("L", size, 0)
    draw = ImageDraw.Draw(floes)
    flip = rng.random() < 0.5

    def open_at(x, y):
        across = (1 - x / w) if flip else x / w
        return min(
            1.0,
            max(
                0.0,
                1.6 * across
                - 0.45
                + (open_pixels[min(w - 1, max(0, int(x))), min(h - 1, max(0, int(y)))] / 255 - 0.5)
                * 0.7,
            ),
        )

    def floe(corners, depth):
        cx = sum(x for x, _ in corners) / len(corners)
        cy = sum(y for _, y in corners) / len(corners)
        openness = open_at(cx, cy)
        if depth < 2 and openness > 0.3 + depth * 0.2:  # break up further out
            mids = [
                ((x0 + x1) / 2 + rng.uniform(-5, 5), (y0 + y1) / 2 + rng.uniform(-5, 5))
                for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True)
            ]
            center = (cx + rng.uniform(-5, 5), cy + rng.uniform(-5, 5))
            for k in range(4):
                floe([corners[k], mids[k], center, mids[k - 1]], depth + 1)
            return
        if rng.random() < openness * 0.8:
            return  # melted or drifted away
        shrink = 0.97 - 0.35 * openness * rng.uniform(0.5, 1.0)
        drift = openness * 25
        dx, dy = rng.uniform(-drift, drift), rng.uniform(-drift, drift)
        draw.polygon(
            [(cx + (x - cx) * shrink + dx, cy + (y - cy) * shrink + dy) for x, y in corners],
            fill=255,
        )

    step = 110
    grid = {
        (i, j): (i * step + rng.uniform(-0.3, 0.3) * step, j * step + rng.uniform(-0.3, 0.3) * step)
        for i in range(-1, w // step + 3)
        for j in range(-1, h // step + 3)
    }
    for i in range(-1, w // step + 2):
        for j in range(-1, h // step + 2):
            floe([grid[i, j], grid[i + 1, j], grid[i + 1, j + 1], grid[i, j + 1]], 0)
    nilas = Image.new("L", size, 0)
    for _ in range(rng.randint(3, 5)):  # refrozen leads: thin grey ice in the cracks
        x, y, angle = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0, math.pi)
        points = [(x, y)]
        for _k in range(8):
            angle += rng.uniform(-0.3, 0.3)
            x, y = x + math.cos(angle) * 160, y + math.sin(angle) * 160
            points.append((x, y))
        ImageDraw.Draw(nilas).line(points, fill=200, width=rng.randint(8, 24), joint="curve")
    image = _over(water, (62, 82, 102), ImageChops.multiply(nilas, ImageOps.invert(floes)))
    ice_color = _colormap(
        _fractal(rng, size, (30, 20), octaves=4), [(0, (192, 206, 222)), (1, (244, 247, 251))]
    )
    ridges = _ridges(_fractal(rng, size, (14, 9), octaves=4), 0.03)
    ice_color = _over(ice_color, (160, 176, 196), _scale(ridges, 0.5))
    image = Image.composite(ice_color, image, floes.filter(ImageFilter.GaussianBlur(0.8)))
    return _cloud_wisps(image, rng, cover=0.76, opacity=0.55)


def river_delta(rng, size, options):
    """A river fanning out into a delta, green along its arms, sediment clouding the sea."""
    w, h = size
    image = _colormap(
        _fractal(rng, size, (5, 3), octaves=6),
        [(0, (146, 114, 76)), (0.5, (186, 154, 106)), (1, (214, 190, 146))],
    )
    apex = (w * rng.uniform(0.42, 0.58), h * 0.32)
    waves = _noise(rng, (w, 1), (14, 1)).tobytes()

    def coast(x):
        x = min(w - 1, max(0, int(x)))
        bulge = h * 0.14 * math.exp(-(((x - apex[0]) / (w * 0.24)) ** 4))
        return h * 0.7 + bulge + (waves[x] - 128) * 0.2

    rivers = Image.new("L", size, 0)
    green = Image.new("L", size, 0)
    rd, gd = ImageDraw.Draw(rivers), ImageDraw.Draw(green)
    fan = Image.new("L", size, 0)  # the delta's wet, green plain
    ImageDraw.Draw(fan).polygon(
        [
            apex,
            (apex[0] - w * 0.3, coast(apex[0] - w * 0.3) + 20),
            (apex[0] + w * 0.3, coast(apex[0] + w * 0.3) + 20),
        ],
        fill=110,
    )
    budget = [70]

    def branch(x, y, angle, width, depth):
        points = [(x, y)]
        for _step in range(200):
            angle += rng.uniform(-0.14, 0.14) + (math.pi / 2 - angle) * 0.03
            x, y = x + math.cos(angle) * 7, y + math.sin(angle) * 7
            points.append((x, y))
            if y > coast(x) + 10 or not -20 < x < w + 20:
                break
            if depth < 6 and budget[0] > 0 and rng.random() < 0.05:
                budget[0] -= 1
                branch(x, y, angle - rng.uniform(0.25, 0.55), width * 0.72, depth + 1)
                angle += rng.uniform(0.15, 0.45)
                width *= 0.8
        rd.line(points, fill=255, width=max(1, round(width)), joint="curve")
        gd.line(points, fill=230, width=round(width * 5 + 16), joint="curve")

    river, (x, y) = [], (w * rng.uniform(0.3, 0.7), -10.0)
    phase = rng.uniform(0, 6.3)
    for step in range(61):
        t = step / 60
        river.append(
            (x + (apex[0] - x) * t + math.sin(t * 11 + phase) * 45 * (1 - t), y + (apex[1] - y) * t)
        )
    rd.line(river, fill=255, width=11, joint="curve")
    gd.line(river, fill=230, width=70, joint="curve")
    for offset in (-0.75, -0.25, 0.25, 0.75):
        branch(*apex, math.pi / 2 + offset + rng.uniform(-0.1, 0.1), 6, 0)
    texture = _fractal(rng, size, (20, 14), octaves=4)
    green = ImageChops.lighter(
        green.filter(ImageFilter.GaussianBlur(12)), fan.filter(ImageFilter.GaussianBlur(60))
    )
    green = ImageChops.multiply(green, _curve(texture, lambda v: 0.5 + 0.5 * v))
    image = _over(image, (56, 90, 42), green)
    image = _over(image, (40, 70, 82), rivers.filter(ImageFilter.GaussianBlur(0.7)))
    sea = Image.new("L", size, 0)
    ImageDraw.Draw(sea).polygon(
        [(x, coast(x)) for x in range(0, w + 8, 8)] + [(w, h), (0, h)], fill=255
    )
    sea = sea.filter(ImageFilter.GaussianBlur(1.5))
    water = _gradient(size, [(0, (12, 46, 88)), (0.75, (14, 52, 92)), (1, (8, 34, 72))])
    shore = _scale(ImageOps.invert(sea).filter(ImageFilter.GaussianBlur(45)), 2.2)
    plume = ImageChops.multiply(
        shore, _curve(_fractal(rng, size, (9, 6), octaves=5), lambda v: 0.25 + 0.75 * v)
    )
    water = _over(water, (118, 142, 110), _scale(plume, 0.85))
    image = Image.composite(water, image, sea)
    return _cloud_wisps(image, rng, cover=0.78, opacity=0.8)


def aurora(rng, size, options):
    """Green curtains of an aurora over the night side of the Earth."""
    w, h = size
    horizon = h * rng.uniform(0.4, 0.48)
    earth, planet = _earth_view(rng, size, horizon, night=True, lights=0.6)
    image = _screen_limb(_space(size, rng, 1400), earth, planet)
    image = ImageChops.multiply(image, Image.new("RGB", size, (150, 150, 160)))
    band = Image.new("L", size, 0)
    draw = ImageDraw.Draw(band)
    limb = {x: _limb_y(planet, min(w - 1, max(0, x))) for x in range(-20, w + 40, 20)}
    f1, p1 = rng.uniform(1.5, 3), rng.uniform(0, 6.3)

    def base(x):
        return limb[x] + h * 0.2 + h * 0.012 * math.sin(2 * math.pi * f1 * x / w + p1)

    steps = 56
    for k in range(steps, -1, -1):
        rise = k * h * 0.0065
        value = round(255 * (1 - k / steps) ** 2.2)
        draw.line([(x, base(x) - rise) for x in limb], fill=value, width=8)
    below = Image.new("L", size, 0)
    ImageDraw.Draw(below).line([(x, base(x) + 6) for x in limb], fill=160, width=12)
    band = ImageChops.lighter(band, below.filter(ImageFilter.GaussianBlur(12))).filter(
        ImageFilter.GaussianBlur(4)
    )
    rays = _noise(rng, (w // 2, 1), (w // 7, 1)).resize((w, 1), BILINEAR)
    rays = _curve(rays.resize(size, Image.Resampling.NEAREST), lambda v: 0.3 + 0.7 * v**1.4)
    curtain = ImageChops.multiply(band, rays)
    image = _light(image, (70, 255, 150), curtain)
    top = ImageChops.offset(_scale(curtain, 0.35), 0, -round(h * 0.16))
    image = _light(image, (160, 50, 150), top.filter(ImageFilter.GaussianBlur(14)))
    return _light(image, (80, 220, 140), _scale(curtain.filter(ImageFilter.GaussianBlur(30)), 0.5))


SCENES = {
    "aurora": (aurora, LANDSCAPE),
    "capsule": (capsule, LANDSCAPE),
    "city_night": (city_night, LANDSCAPE),
    "cupola_sunrise": (cupola_sunrise, LANDSCAPE),
    "glacier": (glacier, LANDSCAPE),
    "launch_pad": (launch_pad, LANDSCAPE),
    "milky_way": (milky_way, LANDSCAPE),
    "portrait": (portrait, PORTRAIT),
    "river_delta": (river_delta, LANDSCAPE),
    "sea_ice": (sea_ice, LANDSCAPE),
    "station": (station, LANDSCAPE),
}
