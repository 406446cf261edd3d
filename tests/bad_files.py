"""The bytes of hostile, broken and good upload files, built in memory for the upload tests.

Nothing here is committed as a binary or downloaded: every file is drawn by Pillow or put
together byte by byte, small enough to keep the tests fast.
"""

import io
import random
import struct
import zlib

from PIL import Image

DATE_TAKEN = "2016:12:03 10:11:12"
SCRIPT = b"<script>alert(1)</script>"


def noisy_image(width=64, height=48, mode="RGB", seed=0):
    """An image full of noise, so its compressed data is as long as the picture is big."""
    bands = len(mode) if mode in ("RGB", "RGBA", "L", "LA") else 1
    noise = random.Random(seed).randbytes(width * height * bands)
    return Image.frombytes(mode, (width, height), noise)


def encode(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


# --- good files ------------------------------------------------------------------------------


def jpeg(width=64, height=48, **options):
    return encode(noisy_image(width, height), "JPEG", **options)


def png(width=64, height=48, mode="RGB"):
    return encode(noisy_image(width, height, mode), "PNG")


def webp(width=64, height=48):
    return encode(noisy_image(width, height), "WEBP")


def exif(orientation=None, taken=DATE_TAKEN, gps=False):
    """A ``PIL.Image.Exif`` with the orientation, DateTimeOriginal and GPS position asked for."""
    data = Image.Exif()
    if orientation is not None:
        data[0x0112] = orientation
    if taken is not None:
        data.get_ifd(0x8769)[0x9003] = taken  # Exif IFD: DateTimeOriginal
    if gps:
        position = data.get_ifd(0x8825)  # GPS IFD: somewhere above Toulouse
        position.update({1: "N", 2: (43.0, 36.0, 15.0), 3: "E", 4: (1.0, 26.0, 38.0)})
    return data


def top_stripe(width=64, height=48):
    """A blue picture whose top quarter is red: shows which way up a copy of it was turned."""
    image = Image.new("RGB", (width, height), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, width, height // 4))
    return image


XMP_WITH_GPS = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
    b' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/"'
    b' exif:GPSLatitude="43,36.25N" exif:GPSLongitude="1,26.63E"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def jpeg_with_exif(
    width=64, height=48, orientation=None, taken=DATE_TAKEN, gps=False, xmp=False, image=None
):
    """A JPEG whose EXIF says when it was taken, how to turn it upright and (maybe) where."""
    image = image or noisy_image(width, height)
    options = {"xmp": XMP_WITH_GPS} if xmp else {}
    return encode(image, "JPEG", exif=exif(orientation, taken, gps), **options)


def camera_jpeg_with_preview():
    """A JPEG as many cameras write it: an MPO whose second image is a smaller preview."""
    preview = noisy_image(32, 24, seed=1)
    return encode(noisy_image(), "MPO", save_all=True, append_images=[preview])


# --- broken files ----------------------------------------------------------------------------


def empty():
    return b""


def truncated_jpeg():
    """A real JPEG cut in half: the header is whole, half of the picture is missing."""
    data = jpeg(256, 192)
    return data[: len(data) // 2]


def corrupt_jpeg():
    """A whole JPEG header (SOI … SOS) followed by random garbage where the picture should be.

    The garbage holds stray 0xFF bytes that read as bogus markers, so the decoder gives up.
    (Garbage without any 0xFF byte would be decoded into a smeared picture: libjpeg only warns.)
    """
    data = jpeg(256, 192)
    scan = data.index(b"\xff\xda")
    (scan_header_length,) = struct.unpack(">H", data[scan + 2 : scan + 4])
    garbage = random.Random(0).randbytes(2000)
    return data[: scan + 2 + scan_header_length] + garbage + b"\xff\xd9"


def _png_chunk(kind, payload):
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))


def png_bomb(width=60_000, height=60_000):
    """A PNG of a few dozen bytes whose header claims ``width`` × ``height`` pixels.

    Decoding it would need gigabytes of memory; it must be refused on its header alone.
    """
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    first_rows = zlib.compress(b"\x00" * 1024, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", first_rows)
        + _png_chunk(b"IEND", b"")
    )


# --- files that are not what their name says ------------------------------------------------


def html_page():
    """A web page, as a hostile editor might rename it ``photo.jpg``."""
    return (
        b"<!DOCTYPE html>\n<html><head><title>Photo</title></head>\n"
        b"<body><h1>Not a photo</h1>" + SCRIPT + b"</body></html>\n"
    )


def svg_with_script():
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48">'
        b'<rect width="64" height="48" fill="navy"/>' + SCRIPT + b"</svg>\n"
    )


def jpeg_with_script_after_end():
    """A JPEG/HTML polyglot: a whole JPEG, then a script after its End Of Image marker."""
    return jpeg() + SCRIPT


def jpeg_with_script_in_comment():
    """A JPEG/HTML polyglot: the script sits in a COM (comment) segment right after SOI."""
    data = jpeg()
    comment = b"\xff\xfe" + struct.pack(">H", len(SCRIPT) + 2) + SCRIPT
    return data[:2] + comment + data[2:]


def png_with_script_in_text():
    """A PNG/HTML polyglot: the script hides in a tEXt chunk before the pixels."""
    data = png()
    text = _png_chunk(b"tEXt", b"Comment\x00" + SCRIPT)
    ihdr_end = 8 + 4 + 4 + 13 + 4
    return data[:ihdr_end] + text + data[ihdr_end:]


def _frames(count=3, size=(32, 24)):
    colours = [(200, 30, 30), (30, 200, 30), (30, 30, 200), (200, 200, 30)]
    return [Image.new("RGB", size, colours[n % len(colours)]) for n in range(count)]


def _animation(image_format):
    first, *others = _frames()
    return encode(first, image_format, save_all=True, append_images=others, duration=100, loop=0)


def animated_gif():
    return _animation("GIF")


def animated_webp():
    return _animation("WEBP")


def animated_png():
    """An APNG: a PNG with an animation control chunk and several frames."""
    return _animation("PNG")


def gif():
    return encode(noisy_image(mode="L"), "GIF")


def tiff():
    return encode(noisy_image(), "TIFF")


def bmp():
    return encode(noisy_image(), "BMP")
