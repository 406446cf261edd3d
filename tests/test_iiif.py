"""IIIF for re-users: the Image API 3.0 at level 1 and Presentation 3.0 manifests.

What a museum's viewer meets: info.json, regions and sizes cut from the real original, clear
400s for what is not supported, 404s for drafts, derivatives made once and then cached (until
the image is edited), a limit on how many a client has made, CORS everywhere, manifests in
English and French; and the IIIF consortium's own validator, run against a live server.
"""

import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image, ImageDraw

from missions.iiif import derivatives
from missions.iiif.rights import IN_COPYRIGHT
from missions.models import ImageCaption, Licence
from tests.factories import make_image, make_mission

pytestmark = pytest.mark.django_db

IMAGE_LD = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
PRESENTATION_LD = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
# Left, right, bottom-left and bottom-right quarters of the test picture.
RED, GREEN, BLUE, YELLOW = (220, 30, 30), (30, 200, 30), (30, 30, 220), (230, 220, 20)


def quarters(width=400, height=300, image_format="PNG"):
    """A picture in four coloured quarters, so a region's content can be checked."""
    picture = Image.new("RGB", (width, height), RED)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((width // 2, 0, width, height // 2), fill=GREEN)
    draw.rectangle((0, height // 2, width // 2, height), fill=BLUE)
    draw.rectangle((width // 2, height // 2, width, height), fill=YELLOW)
    buffer = io.BytesIO()
    picture.save(buffer, image_format)
    return buffer.getvalue()


def picture_file(data, name="quarters.png"):
    content_type = "image/png" if name.endswith(".png") else "image/jpeg"
    return SimpleUploadedFile(name, data, content_type)


@pytest.fixture
def photo():
    return make_image(slug="earthrise", image=picture_file(quarters()))


def opened(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Image.open(io.BytesIO(body))


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def json_of(response):
    return json.loads(body_of(response))


def colour_at(picture, x, y):
    return picture.convert("RGB").getpixel((x, y))


def close(colour, expected, tolerance=12):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


@pytest.fixture
def productions(monkeypatch):
    """How many times Pillow made a derivative from an original."""
    calls = []
    produce = derivatives.produce

    def counted(*args, **kwargs):
        calls.append(args)
        return produce(*args, **kwargs)

    monkeypatch.setattr(derivatives, "produce", counted)
    return calls


# --- info.json and the base URI ---------------------------------------------------------------


def test_info_json_describes_the_image_and_claims_level_1(client, settings, photo):
    settings.IIIF_MAX_AREA = 1_000_000
    response = client.get("/iiif/3/earthrise/info.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json; charset=utf-8"  # not asked for LD
    info = json_of(response)
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert info["id"] == "http://testserver/iiif/3/earthrise"
    assert info["type"] == "ImageService3"
    assert info["protocol"] == "http://iiif.io/api/image"
    assert info["profile"] == "level1"
    assert (info["width"], info["height"]) == (400, 300)
    assert info["maxArea"] == 1_000_000
    assert info["extraFormats"] == ["png", "webp"]
    assert info["tiles"] == [{"width": 512, "scaleFactors": [1]}]
    assert info["rights"] == IN_COPYRIGHT  # the ESA Standard Licence: in copyright
    assert info["partOf"][0]["id"] == "http://testserver/iiif/images/earthrise/manifest.json"


def test_info_json_is_json_ld_for_a_client_that_asks(client, photo):
    response = client.get("/iiif/3/earthrise/info.json", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == IMAGE_LD
    assert "Accept" in response["Vary"]


def test_info_json_lists_the_stored_renditions_as_sizes(client):
    make_image(slug="wide", image=picture_file(quarters(1600, 1200, "JPEG"), "wide.jpg"))
    info = json_of(client.get("/iiif/3/wide/info.json"))
    sizes = [(size["width"], size["height"]) for size in info["sizes"]]
    assert (640, 480) in sizes and (1280, 960) in sizes
    assert info["tiles"][0]["scaleFactors"] == [1, 2, 4]


def test_the_base_uri_redirects_to_info_json(client, photo):
    response = client.get("/iiif/3/earthrise")
    assert response.status_code == 303
    assert response["Location"] == "http://testserver/iiif/3/earthrise/info.json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get("/iiif/3/nothing-here").status_code == 404


# --- regions and sizes ------------------------------------------------------------------------


def test_full_max_is_the_whole_original(client, photo):
    response = client.get("/iiif/3/earthrise/full/max/0/default.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Access-Control-Allow-Origin"] == "*"
    picture = opened(response)
    assert picture.format == "JPEG" and picture.size == (400, 300)
    assert close(colour_at(picture, 10, 10), RED)
    assert close(colour_at(picture, 390, 290), YELLOW)


def test_square_is_the_centred_square(client, photo):
    picture = opened(client.get("/iiif/3/earthrise/square/max/0/default.png"))
    assert picture.format == "PNG" and picture.size == (300, 300)
    # 50 pixels are cut on each side: the middle column of the original is at x = 150.
    assert colour_at(picture, 145, 10) == RED and colour_at(picture, 155, 10) == GREEN


def test_a_region_in_pixels_is_cut_from_the_original(client, photo):
    picture = opened(client.get("/iiif/3/earthrise/200,150,100,100/max/0/default.png"))
    assert picture.size == (100, 100)
    assert {colour_at(picture, x, y) for x in (0, 99) for y in (0, 99)} == {YELLOW}
    # A region running past the edges is clipped to the image.
    clipped = opened(client.get("/iiif/3/earthrise/350,250,500,500/max/0/default.png"))
    assert clipped.size == (50, 50)


def test_regions_are_in_the_upright_picture_of_a_rotated_photo(client):
    """A camera's EXIF orientation (6: turn a quarter clockwise) is applied, as on the pages."""
    exif = Image.Exif()
    exif[0x0112] = 6
    stored = Image.open(io.BytesIO(quarters(400, 300)))
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=95, exif=exif)
    make_image(slug="turned", image=picture_file(buffer.getvalue(), "turned.jpg"))
    info = json_of(client.get("/iiif/3/turned/info.json"))
    assert (info["width"], info["height"]) == (300, 400)
    picture = opened(client.get("/iiif/3/turned/full/max/0/default.png"))
    assert picture.size == (300, 400)
    assert close(colour_at(picture, 5, 5), BLUE) and close(colour_at(picture, 295, 5), RED)
    corner = opened(client.get("/iiif/3/turned/290,0,10,10/max/0/default.png"))
    assert close(colour_at(corner, 5, 5), RED)


@pytest.mark.parametrize(
    ("size", "expected"),
    [("max", (400, 300)), ("200,", (200, 150)), (",150", (200, 150)), ("100,100", (100, 100))],
)
def test_sizes(client, photo, size, expected):
    response = client.get(f"/iiif/3/earthrise/full/{size}/0/default.jpg")
    assert response.status_code == 200
    assert opened(response).size == expected


def test_a_region_at_a_size(client, photo):
    picture = opened(client.get("/iiif/3/earthrise/0,0,200,150/20,15/0/default.webp"))
    assert picture.format == "WEBP" and picture.size == (20, 15)
    assert close(colour_at(picture, 10, 7), RED)


def test_max_is_bounded_and_bigger_sizes_are_refused(client, settings, photo):
    settings.IIIF_MAX_AREA = 30_000
    assert json_of(client.get("/iiif/3/earthrise/info.json"))["maxArea"] == 30_000
    picture = opened(client.get("/iiif/3/earthrise/full/max/0/default.jpg"))
    assert picture.width * picture.height <= 30_000
    assert picture.size == (200, 150)  # the proportions are kept
    response = client.get("/iiif/3/earthrise/full/300,/0/default.jpg")
    assert response.status_code == 400
    assert "exceeds" in response.content.decode()
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("x/0,0,0,0/max/0/default.jpg", "at least 1 pixel"),
        ("earthrise/0,0,0,0/max/0/default.jpg", "at least 1 pixel"),
        ("earthrise/400,0,10,10/max/0/default.jpg", "outside the image"),
        ("earthrise/99999999999999999999,0,1,1/max/0/default.jpg", "too large"),
        ("earthrise/full/99999999999999999999,/0/default.jpg", "too large"),
        ("earthrise/full/" + "9" * 5000 + ",/0/default.jpg", "too large"),
        ("earthrise/full/401,/0/default.jpg", "larger than the region"),
        ("earthrise/full/400,301/0/default.jpg", "larger than the region"),
        ("earthrise/full/^800,/0/default.jpg", "upscaling"),
        ("earthrise/pct:10,10,50,50/max/0/default.jpg", "pct:"),
        ("earthrise/full/pct:50/0/default.jpg", "pct:"),
        ("earthrise/full/!100,100/0/default.jpg", "!w,h"),
        ("earthrise/full/full/0/default.jpg", "replaced by “max”"),
        ("earthrise/full/,/0/default.jpg", "Invalid size"),
        ("earthrise/whole/max/0/default.jpg", "Invalid region"),
        ("earthrise/full/max/90/default.jpg", "unrotated"),
        ("earthrise/full/max/!0/default.jpg", "mirroring"),
        ("earthrise/full/max/400/default.jpg", "from 0 to 360"),
        ("earthrise/full/max/0/gray.jpg", "Quality “gray” is not supported"),
        ("earthrise/full/max/0/best.jpg", "Invalid quality"),
        ("earthrise/full/max/0/default.tif", "Format “tif” is not supported"),
        ("earthrise/full/max/0/default.xyz", "Invalid format"),
        ("earthrise/full/max/0/default", "quality and a format"),
    ],
)
def test_bad_parameters_are_a_400_that_says_why(client, photo, path, says):
    response = client.get(f"/iiif/3/{path}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert says in response.content.decode()
    assert response["Access-Control-Allow-Origin"] == "*"


def test_rotation_zero_written_as_a_decimal_is_accepted(client, photo):
    assert client.get("/iiif/3/earthrise/full/max/0.0/default.jpg").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/iiif/3/nothing/full/max/0/default.jpg",
        "/iiif/3/nothing/info.json",
        "/iiif/3/a/b/full/max/0/default.jpg",
        "/iiif/3/[frob]/full/max/0/default.jpg",
        "/iiif/3/%00/full/max/0/default.jpg",
        "/iiif/3/%00/info.json",
        "/iiif/3/earthrise/full/max/0",
        "/iiif/images/nothing/manifest.json",
        "/iiif/missions/nothing/manifest.json",
        "/iiif/elsewhere",
    ],
)
def test_what_does_not_exist_is_a_404_with_cors(client, photo, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "text/plain; charset=utf-8"


# --- drafts -----------------------------------------------------------------------------------


def test_drafts_are_404_everywhere(editor_client):
    visitor = Client()
    draft_mission = make_mission(slug="secret-mission", is_published=False)
    make_image(slug="draft-image", is_published=False, image=picture_file(quarters()))
    make_image(slug="of-a-draft-mission", mission=draft_mission, image=picture_file(quarters()))
    for slug in ("draft-image", "of-a-draft-mission"):
        for path in (
            f"/iiif/3/{slug}",
            f"/iiif/3/{slug}/info.json",
            f"/iiif/3/{slug}/full/max/0/default.jpg",
            f"/iiif/3/{slug}/0,0,10,10/max/0/default.jpg",
            f"/iiif/images/{slug}/manifest.json",
        ):
            assert visitor.get(path).status_code == 404, path
            # Not for editors either: IIIF answers are public, and cached as such.
            assert editor_client.get(path).status_code == 404, path
    assert visitor.get("/iiif/missions/secret-mission/manifest.json").status_code == 404


def test_a_mission_manifest_never_holds_a_draft(client):
    mission = make_mission(slug="proxima")
    make_image(slug="public-one", mission=mission, title_en="Sunrise")
    make_image(slug="still-a-draft", mission=mission, is_published=False, title_en="Murnwick")
    response = client.get("/iiif/missions/proxima/manifest.json")
    text = body_of(response).decode()
    assert "public-one" in text
    assert "still-a-draft" not in text and "Murnwick" not in text


# --- caching ----------------------------------------------------------------------------------


def test_a_derivative_is_made_once_then_served_from_the_cache(client, photo, productions):
    first = client.get("/iiif/3/earthrise/full/200,/0/default.jpg")
    again = client.get("/iiif/3/earthrise/full/200,/0/default.jpg")
    assert len(productions) == 1
    assert body_of(again) == body_of(first)
    # The same pixels asked another way are the same derivative.
    client.get("/iiif/3/earthrise/0,0,400,300/200,150/0/default.jpg")
    assert len(productions) == 1
    assert "max-age=86400" in first["Cache-Control"] and "public" in first["Cache-Control"]


def test_an_edit_makes_a_new_derivative(client, photo, productions):
    url = "/iiif/3/earthrise/0,0,10,10/max/0/default.png"
    before = client.get(url)
    assert colour_at(opened(before), 5, 5) == RED
    photo.image = picture_file(_green_picture(), "green.png")
    photo.save()
    after = client.get(url)
    assert len(productions) == 2
    assert colour_at(opened(after), 5, 5) == GREEN
    assert after["ETag"] != before["ETag"]


def _green_picture():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), GREEN).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_client_with_the_current_copy_gets_a_304(client, photo, productions):
    first = client.get("/iiif/3/earthrise/full/100,/0/default.jpg")
    assert first["ETag"] and first["Last-Modified"]
    response = client.get(
        "/iiif/3/earthrise/full/100,/0/default.jpg", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert response.status_code == 304
    assert response["Access-Control-Allow-Origin"] == "*"
    assert len(productions) == 1
    info = client.get("/iiif/3/earthrise/info.json")
    assert (
        client.get("/iiif/3/earthrise/info.json", HTTP_IF_NONE_MATCH=info["ETag"]).status_code
        == 304
    )


def test_a_stored_rendition_is_served_as_it_is(client, productions):
    image = make_image(slug="wide", image=picture_file(quarters(1600, 1200, "JPEG"), "wide.jpg"))
    response = client.get("/iiif/3/wide/full/640,480/0/default.jpg")
    assert response.status_code == 200
    with image.image.storage.open(image.renditions["jpeg_640"]) as stored:
        assert body_of(response) == stored.read()
    assert productions == []
    webp = client.get("/iiif/3/wide/full/1024,/0/default.webp")
    assert opened(webp).size == (1024, 768) and productions == []


def test_with_the_page_cache_on_iiif_answers_keep_their_own_caching(client, settings, photo):
    """The page cache keys by URL alone: it must neither rewrite an image's caching nor give
    one client's negotiated info.json to another."""
    settings.PAGE_CACHE = True
    for _ in range(2):
        image = client.get("/iiif/3/earthrise/full/max/0/default.jpg")
        assert image["Cache-Control"] == "public, max-age=86400"
        plain = client.get("/iiif/3/earthrise/info.json")
        assert plain["Content-Type"] == "application/json; charset=utf-8"
        linked = client.get("/iiif/3/earthrise/info.json", HTTP_ACCEPT="application/ld+json")
        assert linked["Content-Type"] == IMAGE_LD


def test_only_get_and_head_are_answered(client, photo):
    response = client.post("/iiif/3/earthrise/info.json")
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.head("/iiif/3/earthrise/full/max/0/default.jpg").status_code == 200


# --- rate limit -------------------------------------------------------------------------------


def test_new_derivatives_are_rate_limited_per_client(client, settings, photo):
    settings.IIIF_RATE = "2/m"
    for width in (100, 110):
        assert client.get(f"/iiif/3/earthrise/full/{width},/0/default.jpg").status_code == 200
    refused = client.get("/iiif/3/earthrise/full/120,/0/default.jpg")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "try again" in refused.content.decode()
    # What was already made is still served, and another client is not held back.
    assert client.get("/iiif/3/earthrise/full/100,/0/default.jpg").status_code == 200
    other = client.get("/iiif/3/earthrise/full/120,/0/default.jpg", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_logged_in_editors_are_not_limited(editor_client, settings, photo):
    settings.IIIF_RATE = "1/m"
    for width in (100, 110, 120):
        response = editor_client.get(f"/iiif/3/earthrise/full/{width},/0/default.jpg")
        assert response.status_code == 200


# --- manifests --------------------------------------------------------------------------------


def test_an_image_manifest_in_english_and_french(client):
    mission = make_mission(name="Proxima", slug="proxima")
    make_image(
        slug="aurora",
        mission=mission,
        title_en="Aurora over Canada",
        title_fr="Aurore au-dessus du Canada",
        caption_en="Green light.",
        caption_fr="Lumière verte.",
        credit="ESA/NASA",
        date_taken=date(2016, 12, 3),
        image=picture_file(quarters()),
    )
    response = client.get("/iiif/images/aurora/manifest.json")
    assert response.status_code == 200
    assert response["Content-Type"] == PRESENTATION_LD
    assert response["Access-Control-Allow-Origin"] == "*"
    manifest = json_of(response)
    assert manifest["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert manifest["id"] == "http://testserver/iiif/images/aurora/manifest.json"
    assert manifest["type"] == "Manifest"
    assert manifest["label"] == {
        "en": ["Aurora over Canada"],
        "fr": ["Aurore au-dessus du Canada"],
    }
    assert manifest["summary"] == {"en": ["Green light."], "fr": ["Lumière verte."]}
    statement = manifest["requiredStatement"]
    assert statement["label"] == {"en": ["Credit and licence"], "fr": ["Crédit et licence"]}
    assert "ESA/NASA" in statement["value"]["en"][0]
    assert "ESA Standard Licence" in statement["value"]["en"][0]
    assert "Licence standard de l’ESA" in statement["value"]["fr"][0]
    assert "https://www.esa.int/ESA_Multimedia/Terms_and_Conditions" in statement["value"]["en"][0]
    assert manifest["rights"] == "http://rightsstatements.org/vocab/InC/1.0/"
    assert [(page["id"], page["language"]) for page in manifest["homepage"]] == [
        ("http://testserver/en/images/aurora/", ["en"]),
        ("http://testserver/fr/images/aurora/", ["fr"]),
    ]
    assert manifest["homepage"][1]["label"] == {"fr": ["Aurore au-dessus du Canada"]}
    assert manifest["rendering"][0]["id"].startswith("http://testserver/media/images/")
    metadata = {entry["label"]["en"][0]: entry["value"] for entry in manifest["metadata"]}
    assert metadata["Mission"] == {"none": ["Proxima"]}
    assert metadata["Date taken"] == {"none": ["2016-12-03"]}

    (canvas,) = manifest["items"]
    assert (canvas["width"], canvas["height"]) == (400, 300)
    (annotation,) = canvas["items"][0]["items"]
    assert annotation["motivation"] == "painting"
    assert annotation["target"] == canvas["id"]
    body = annotation["body"]
    assert body["id"] == "http://testserver/iiif/3/aurora/full/max/0/default.jpg"
    assert body["service"] == [
        {"id": "http://testserver/iiif/3/aurora", "type": "ImageService3", "profile": "level1"}
    ]
    # Every address it gives answers.
    for url in (body["id"], manifest["thumbnail"][0]["id"], body["service"][0]["id"]):
        assert client.get(urlsplit(url).path).status_code in (200, 303), url


def test_a_text_written_in_one_language_is_given_under_that_language_only(client):
    make_image(
        slug="only-french",
        title_en="",
        title_fr="Coucher de soleil",
        caption_en="",
        caption_fr="Vu depuis l’ISS.",
        image=picture_file(quarters()),
    )
    manifest = json_of(client.get("/iiif/images/only-french/manifest.json"))
    assert manifest["label"] == {"fr": ["Coucher de soleil"]}
    assert manifest["summary"] == {"fr": ["Vu depuis l’ISS."]}
    # The English page shows the French title: its link says so in French.
    english_page = manifest["homepage"][0]
    assert english_page["language"] == ["en"]
    assert english_page["label"] == {"fr": ["Coucher de soleil"]}


def test_a_creative_commons_image_has_its_licence_as_rights(client):
    make_image(slug="open", licence=Licence.CC_BY_SA_3_IGO, image=picture_file(quarters()))
    manifest = json_of(client.get("/iiif/images/open/manifest.json"))
    assert manifest["rights"] == "https://creativecommons.org/licenses/by-sa/3.0/igo/"
    assert "CC BY-SA 3.0 IGO" in manifest["requiredStatement"]["value"]["fr"][0]


def test_a_mission_manifest_has_a_canvas_per_public_image_in_gallery_order(client):
    mission = make_mission(name="Proxima", slug="proxima", summary_en="Six months.")
    mission.summary_fr = ""
    mission.save()
    for slug, day in (("older", 1), ("newest", 20), ("middle", 10)):
        make_image(slug=slug, mission=mission, date_taken=date(2017, 1, day))
    make_image(slug="another-mission", mission=make_mission(), image=picture_file(quarters()))
    response = client.get("/iiif/missions/proxima/manifest.json")
    assert response.status_code == 200
    assert response["Content-Type"] == PRESENTATION_LD
    manifest = json_of(response)
    assert manifest["label"] == {"en": ["Proxima"], "fr": ["Proxima"]}
    assert manifest["summary"] == {"en": ["Six months."]}
    assert [canvas["id"] for canvas in manifest["items"]] == [
        f"http://testserver/iiif/images/{slug}/canvas" for slug in ("newest", "middle", "older")
    ]
    assert manifest["rights"] == IN_COPYRIGHT
    assert "ESA" in manifest["requiredStatement"]["value"]["en"][0]
    assert [page["id"] for page in manifest["homepage"]] == [
        "http://testserver/en/missions/proxima/",
        "http://testserver/fr/missions/proxima/",
    ]
    assert manifest["items"][0]["requiredStatement"]["label"]["fr"] == ["Crédit et licence"]


def test_a_mission_manifest_is_bounded(client, settings):
    settings.IIIF_MANIFEST_MAX_CANVASES = 2
    mission = make_mission(slug="proxima")
    for day in (1, 2, 3):
        make_image(slug=f"day-{day}", mission=mission, date_taken=date(2017, 1, day))
    manifest = json_of(client.get("/iiif/missions/proxima/manifest.json"))
    assert [canvas["id"].split("/")[-2] for canvas in manifest["items"]] == ["day-3", "day-2"]


def test_a_mission_without_public_images_has_no_manifest(client):
    make_mission(slug="empty")
    assert client.get("/iiif/missions/empty/manifest.json").status_code == 404


@pytest.mark.parametrize("count", [2, 12])
def test_a_mission_manifest_reads_a_few_queries_whatever_its_size(
    client, count, django_assert_max_num_queries
):
    mission = make_mission(slug="proxima")
    for number in range(count):
        make_image(slug=f"image-{number}", mission=mission)
    with django_assert_max_num_queries(3):
        response = client.get("/iiif/missions/proxima/manifest.json")
    assert len(json_of(response)["items"]) == count


# --- links from the pages ---------------------------------------------------------------------


def test_the_image_and_mission_pages_link_to_their_manifests(client):
    mission = make_mission(slug="proxima")
    make_image(slug="aurora", mission=mission)
    page = client.get("/en/images/aurora/").content.decode()
    assert 'href="/iiif/images/aurora/manifest.json"' in page
    assert '<link rel="alternate" type="application/ld+json;profile=' in page
    mission_page = client.get("/fr/missions/proxima/").content.decode()
    assert 'href="/iiif/missions/proxima/manifest.json"' in mission_page


def test_a_draft_previewed_by_an_editor_links_to_no_manifest(editor_client):
    make_image(slug="draft-image", is_published=False)
    page = editor_client.get("/en/images/draft-image/")
    assert page.status_code == 200
    assert "/iiif/" not in page.content.decode()


# --- the official validator -------------------------------------------------------------------

VALIDATOR_ID = "67352ccc-d1b0-11e1-89ae-279075081939"


def validator_picture():
    """The validator's test image: 1000 × 1000 pixels, ten by ten squares of the colours it
    checks. (iiif-validator 1.0.5 does not ship the PNG; its colour table is the image.)"""
    from iiif_validator.validator import ValidationInfo

    colours = ValidationInfo().colorInfo  # [column][row]
    picture = Image.new("RGB", (1000, 1000))
    draw = ImageDraw.Draw(picture)
    for column in range(10):
        for row in range(10):
            box = (column * 100, row * 100, column * 100 + 99, row * 100 + 99)
            draw.rectangle(box, fill=colours[column][row])
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_iiif_validator_passes_at_level_1(live_server, settings):
    settings.IIIF_RATE = ""  # the validator asks for some sixty images in a few seconds
    make_image(slug=VALIDATOR_ID, image=picture_file(validator_picture()))
    assert ImageCaption.objects.published().filter(slug=VALIDATOR_ID).exists()
    script = Path(sys.executable).with_name("iiif-validate.py")
    assert script.exists(), "iiif-validator is not installed (pip install iiif-validator==1.0.5)"
    environment = {key: value for key, value in os.environ.items() if "proxy" not in key.lower()}
    result = subprocess.run(
        [
            sys.executable,
            str(script),
            "--server",
            urlsplit(live_server.url).netloc,
            "--prefix",
            "iiif/3",
            "--identifier",
            VALIDATOR_ID,
            "--version=3.0",
            "--level=1",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    report = result.stdout + result.stderr
    done = re.search(r"Done \((\d+) tests, (\d+) failures\)", report)
    assert done and int(done[1]) >= 20 and done[2] == "0", report
    assert result.returncode == 0, report
    assert "FAIL" not in report
