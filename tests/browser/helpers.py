"""What the browser tests share: a small archive to browse, photo-like images, admin gestures."""

import io
from datetime import date

from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from missions.models import Video
from tests.factories import (
    add_crew,
    make_astronaut,
    make_image,
    make_mission,
    make_spacecraft,
    upload,
)
from tests.videos import make_video, uploaded

EDITOR_PASSWORD = "a-long-editor-passphrase"


def url(name, language="en", **kwargs):
    """A public page's path in ``language`` (French path words come from the catalogue)."""
    with translation.override(language):
        return reverse(f"missions:{name}", kwargs=kwargs or None)


def photo_bytes(width=1200, height=800, seed=0, image_format="JPEG"):
    """A photo-like image (sky gradient, a planet's limb, a bright sun) so screenshots look real."""
    sky = Image.linear_gradient("L").resize((width, height))
    red = sky.point(lambda v: v // 6 + seed * 9 % 40)
    blue = sky.point(lambda v: 40 + v // 2)
    image = Image.merge("RGB", (red, sky.point(lambda v: v // 3), blue))
    draw = ImageDraw.Draw(image)
    radius = width
    centre_x = width // 2 + (seed % 3 - 1) * width // 4
    draw.ellipse(
        (centre_x - radius, height * 0.62, centre_x + radius, height * 0.62 + 2 * radius),
        fill=(20 + seed * 23 % 60, 70 + seed * 17 % 80, 140),
    )
    sun = (width * (0.2 + 0.15 * (seed % 4)), height * 0.35)
    draw.ellipse((sun[0] - 30, sun[1] - 30, sun[0] + 30, sun[1] + 30), fill=(255, 244, 214))
    buffer = io.BytesIO()
    image.save(buffer, image_format, quality=85)
    return buffer.getvalue()


def photo_upload(name, seed=0, width=1200, height=800):
    return upload(name, photo_bytes(width, height, seed))


def make_editor(username="claudie", password=EDITOR_PASSWORD):
    """A member of the Editors group (made by a migration), not a superuser, with a password."""
    user = User.objects.create_user(username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def log_in(page, username, password=EDITOR_PASSWORD):
    """Through the admin's real login form."""
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def pick_autocomplete(page, select, text, option):
    """Choose ``option`` in the admin's select2 autocomplete widget that stands for the
    ``<select>`` located by ``select``: open it, type ``text``, click the suggestion."""
    select_id = select.get_attribute("id")
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=option).click()


def expect_images_loaded(images):
    """Every ``<img>`` that the locator ``images`` finds shows a real picture (served, decoded).

    Each is scrolled into view first, as lazy images load only near the viewport. (Not
    ``page.wait_for_function``: its polling evaluates strings, which the site's CSP forbids.)
    """
    for index in range(images.count()):
        img = images.nth(index)
        img.scroll_into_view_if_needed()
        expect(img).to_have_js_property("complete", True)
        source = img.evaluate("img => img.currentSrc")
        assert img.evaluate("img => img.naturalWidth") > 0, f"{source} did not load"


def make_archive(image_size=(1200, 800)):
    """Two published missions with crew, spacecraft and captioned images, and one more mission
    with images, so that filtering has something to leave out."""
    width, height = image_size
    thomas = make_astronaut(
        name="Thomas Pesquet",
        slug="thomas-pesquet",
        biography_en="French ESA astronaut, engineer and pilot.",
        biography_fr="Astronaute français de l'ESA, ingénieur et pilote.",
    )
    samantha = make_astronaut(
        name="Samantha Cristoforetti",
        slug="samantha-cristoforetti",
        nationality="IT",
        biography_en="Italian ESA astronaut.",
        biography_fr="Astronaute italienne de l'ESA.",
    )
    soyuz = make_spacecraft(
        name="Soyuz MS",
        slug="soyuz-ms",
        kind="crew_vehicle",
        operator="Roscosmos",
        description_en="Three-seat crew vehicle.",
        description_fr="Vaisseau de trois places.",
    )
    proxima = make_mission(
        name="Proxima",
        slug="proxima",
        launch_date=date(2016, 11, 17),
        landing_date=date(2017, 6, 2),
        launch_site_en="Baikonur Cosmodrome",
        launch_site_fr="Cosmodrome de Baïkonour",
        destination_en="International Space Station",
        destination_fr="Station spatiale internationale",
        summary_en="Thomas Pesquet's six months on the International Space Station.",
        summary_fr="Les six mois de Thomas Pesquet à bord de la Station spatiale internationale.",
        is_featured=True,
    )
    proxima.spacecraft.add(soyuz)
    add_crew(proxima, thomas)
    futura = make_mission(
        name="Futura",
        slug="futura",
        launch_date=date(2014, 11, 23),
        landing_date=date(2015, 6, 11),
        summary_en="Samantha Cristoforetti's long-duration mission.",
        summary_fr="La mission de longue durée de Samantha Cristoforetti.",
    )
    futura.spacecraft.add(soyuz)
    add_crew(futura, samantha)
    texts = [
        ("sunrise", "Flying into the sunrise", "Voler face au soleil", proxima, thomas),
        ("cupola", "The Cupola at night", "La Cupola de nuit", proxima, thomas),
        ("alps", "The Alps in winter", "Les Alpes en hiver", proxima, thomas),
        ("soyuz-docked", "Soyuz docked", "Soyouz amarré", futura, samantha),
        ("espresso", "Espresso in orbit", "Un expresso en orbite", futura, samantha),
    ]
    images = {}
    for seed, (slug, title_en, title_fr, mission, photographer) in enumerate(texts):
        image = make_image(
            image=photo_upload(f"{slug}.jpg", seed, width, height),
            slug=slug,
            title_en=title_en,
            title_fr=title_fr,
            caption_en=f"{title_en}, photographed by {photographer.name}.",
            caption_fr=f"{title_fr}, photographié par {photographer.name}.",
            alt_en=f"{title_en} seen from orbit",
            alt_fr=f"{title_fr} vu depuis l'orbite",
            mission=mission,
            photographer=photographer,
            date_taken=date(mission.launch_date.year, 12, 1 + seed),
        )
        image.spacecraft.add(soyuz)
        images[slug] = image
    thomas.portrait = images["espresso"]
    thomas.save(update_fields=["portrait"])
    return {
        "missions": {"proxima": proxima, "futura": futura},
        "astronaut": thomas,
        "spacecraft": soyuz,
        "images": images,
    }


FILM_SUBTITLES = {
    "en": "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nThe capsule backs away from the station.\n",
    "fr": "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nLe vaisseau s'éloigne de la station.\n",
}


def make_film(mission=None, seconds=4.0):
    """A published video with sound and subtitles in both languages, processed by the worker
    (in browser tests, jobs run as soon as they are queued)."""
    video = Video(
        file=uploaded(make_video(seconds=seconds, size=(640, 360), fps=25, audio=True)),
        title_en="Undocking",
        title_fr="Désamarrage",
        description_en="The capsule leaves the station.",
        description_fr="Le vaisseau quitte la station.",
        mission=mission,
        subtitles_en=FILM_SUBTITLES["en"],
        subtitles_fr=FILM_SUBTITLES["fr"],
        is_published=True,
    )
    video.full_clean()
    video.save()
    video.refresh_from_db()
    assert video.state == "ready", video.failure
    return video
