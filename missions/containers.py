"""Originals stored with nothing but the image: the container rewritten, the pixels untouched.

A file can be a valid image and something else at once (a polyglot): a JPEG followed by a PHP
script or a ZIP archive, an HTML snippet in a comment or a text chunk. Decoding it shows only
the image, so the upload checks cannot see the rest, and the original was stored verbatim.

Re-encoding the decoded pixels would remove everything else too, but it is not lossless for
JPEG and lossy WebP (a second compression), and it would drop 16-bit depth. Instead each
format's container is walked and rewritten with only the parts that make the image: the
compressed image data is copied byte for byte (the same pixels, no generation loss), the colour
profile and EXIF are kept (the renditions and the date taken read them), and everything else is
left out: whatever follows the image's end, JPEG comments and unknown segments, XMP, PNG text
chunks, unknown WebP chunks, and the extra frames of a camera's MPO (previews; the first image
is the photo). A file with markup in any of those parts is refused by ``inspect_image``, with a
message: it looks there, never in the compressed image data, where three letters after a "<"
occur by chance in about one photo of a hundred.

A file this cannot walk is refused (``ValueError``): Pillow decoded it, so that is a container
written in a way no camera or editor writes.
"""

import struct

# JPEG markers kept: frame headers and tables (C0–CF but for the reserved C8), quantisation
# tables, restart interval, and the application segments that carry the colour: JFIF (E0),
# EXIF (E1), ICC profile (E2), Adobe colour transform (EE).
_JPEG_TABLES = {*range(0xC0, 0xD0)} - {0xC8} | {0xDB, 0xDD}
_JPEG_APPS = {0xE0: b"JFIF\x00", 0xE1: b"Exif\x00\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
_PNG_CHUNKS = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"cHRM",
    b"gAMA",
    b"iCCP",
    b"sBIT",
    b"sRGB",
    b"pHYs",
    b"eXIf",
}
_WEBP_CHUNKS = {b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ICCP", b"EXIF"}
_WEBP_XMP_FLAG = 0x04


def clean(image_format, data):
    """``(image, rest)``: ``data`` (an accepted image of ``image_format``) with only the
    image's own parts, and every byte but the compressed image data (the metadata kept and all
    that was left out), for the markup check."""
    try:
        return {"JPEG": _jpeg, "PNG": _png, "WEBP": _webp}[image_format](data)
    except (IndexError, struct.error) as error:  # a length that points past the end
        raise ValueError(f"{image_format} container ends early") from error


def _jpeg(data):
    if data[:2] != b"\xff\xd8":
        raise ValueError("no JPEG start")
    out, metadata, position = [data[:2]], [], 2
    while True:
        while data[position : position + 1] == b"\xff" and data[position + 1] == 0xFF:
            position += 1  # fill bytes before a marker
        if data[position] != 0xFF:
            raise ValueError(f"no JPEG marker at {position}")
        marker = data[position + 1]
        if marker == 0xD9:  # end of image: nothing after it is kept
            out.append(b"\xff\xd9")
            metadata.append(data[position + 2 :])
            return b"".join(out), b"".join(metadata)
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        segment = data[position:end]
        if marker == 0xDA:  # start of scan: the compressed data runs to the next marker
            end = _scan_end(data, end)
            out.append(data[position:end])
        elif marker in _JPEG_TABLES:
            out.append(segment)
        else:
            if marker in _JPEG_APPS and segment[4:].startswith(_JPEG_APPS[marker]):
                out.append(segment)
            metadata.append(segment)
        position = end


def _scan_end(data, position):
    """Where a scan's entropy-coded data ends: the first marker that is not a stuffed 0xFF00
    or a restart marker (0xFFD0–0xFFD7)."""
    while True:
        position = data.index(b"\xff", position)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1
            continue
        return position


def _png(data):
    signature = b"\x89PNG\r\n\x1a\n"
    if not data.startswith(signature):
        raise ValueError("no PNG signature")
    out, metadata, position = [signature], [], len(signature)
    while True:
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if kind in _PNG_CHUNKS:
            out.append(data[position:end])
        if kind not in (b"IHDR", b"PLTE", b"IDAT"):
            metadata.append(data[position:end])
        if kind == b"IEND":
            metadata.append(data[end:])
            return b"".join(out), b"".join(metadata)
        position = end


def _webp(data):
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("no WebP header")
    (riff_size,) = struct.unpack("<I", data[4:8])
    body, position, chunks, rest = data[: 8 + riff_size], 12, [], [data[8 + riff_size :]]
    while position + 8 <= len(body):
        kind = body[position : position + 4]
        (length,) = struct.unpack("<I", body[position + 4 : position + 8])
        end = position + 8 + length + (length & 1)  # chunks are padded to an even size
        chunk = body[position:end]
        if kind == b"VP8X":  # say there is no XMP any more
            chunk = chunk[:8] + bytes([chunk[8] & ~_WEBP_XMP_FLAG]) + chunk[9:]
        if kind in _WEBP_CHUNKS:
            chunks.append(chunk)
        if kind not in (b"VP8 ", b"VP8L", b"ALPH"):
            rest.append(chunk)
        position = end
    payload = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(payload)) + payload, b"".join(rest)
