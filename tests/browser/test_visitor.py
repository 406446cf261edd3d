"""A visitor's journey in a real browser, in English and in French, and screenshots of it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import expect_images_loaded, make_archive, url


@pytest.fixture
def archive(db):
    return make_archive()


@pytest.mark.parametrize(
    ("locale", "language", "other"), [("en-GB", "en", "fr"), ("fr-FR", "fr", "en")]
)
def test_visitor_filters_the_gallery_reads_both_captions_switches_language_and_comes_back(
    open_page, archive, live_server, locale, language, other
):
    page = open_page(locale=locale)
    proxima = archive["missions"]["proxima"]
    sunrise = archive["images"]["sunrise"]

    # The root sends the visitor to their browser's language.
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/{language}/")
    expect(page.locator("html")).to_have_attribute("lang", language)

    # The gallery, through the main navigation.
    gallery_path = url("gallery", language)
    page.locator(f'.site-nav a[href="{gallery_path}"]').click()
    expect(page).to_have_url(f"{live_server.url}{gallery_path}")
    expect(page.locator(".grid .card")).to_have_count(5)

    # Filter by one mission with the gallery form.
    page.select_option("select[name=mission]", proxima.slug)
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(gallery_path)}\?.*mission={proxima.slug}"))
    filtered_url = page.url
    cards = page.locator(".grid .card")
    expect(cards).to_have_count(3)
    newest_first = sorted(
        (image for image in archive["images"].values() if image.mission_id == proxima.pk),
        key=lambda image: image.date_taken,
        reverse=True,
    )
    titles = [getattr(image, f"title_{language}") for image in newest_first]
    expect(cards.locator(".card-title")).to_have_text(titles, use_inner_text=True)
    expect(page.locator("select[name=mission]")).to_have_value(proxima.slug)

    # The image page: both captions, each marked with its language, the visitor's first.
    page.locator(".card a", has_text=getattr(sunrise, f"title_{language}")).click()
    image_path = url("image", language, slug=sunrise.slug)
    expect(page).to_have_url(f"{live_server.url}{image_path}")
    expect(page.locator("h1")).to_have_text(getattr(sunrise, f"title_{language}"))
    expect(page.locator("div.caption[lang=en]")).to_contain_text(sunrise.caption_en)
    expect(page.locator("div.caption[lang=fr]")).to_contain_text(sunrise.caption_fr)
    expect(page.locator("div.caption").first).to_have_attribute("lang", language)
    picture = page.locator(".hero-image img")
    expect(picture).to_be_visible()
    expect_images_loaded(picture)

    # The language switch keeps the visitor on the same image.
    page.locator(f'.language-switch a[hreflang="{other}"]').click()
    expect(page).to_have_url(f"{live_server.url}{url('image', other, slug=sunrise.slug)}")
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator("h1")).to_have_text(getattr(sunrise, f"title_{other}"))
    expect(page.locator("div.caption").first).to_have_attribute("lang", other)

    # Back twice: the filtered gallery, its query string and its results.
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}{image_path}")
    page.go_back()
    expect(page).to_have_url(filtered_url)
    expect(cards.locator(".card-title")).to_have_text(titles, use_inner_text=True)
    expect(page.locator("select[name=mission]")).to_have_value(proxima.slug)


SCREENS = {"phone": (390, 844), "desktop": (1366, 900)}


@pytest.mark.parametrize(("locale", "language"), [("en-GB", "en"), ("fr-FR", "fr")])
def test_visitor_searches_from_the_header_and_reaches_an_image_through_its_snippet(
    open_page, archive, live_server, locale, language
):
    page = open_page(locale=locale)
    words = {"en": ("Pesquet", "Astronauts"), "fr": ("Pesquet", "Astronautes")}[language]

    page.goto(url("home", language))
    page.locator(".header-search input[name=q]").fill(f"{words[0]} orbite")
    page.locator(".header-search button").click()

    expect(page).to_have_url(re.compile(re.escape(url("search", language)) + r"\?q="))
    # Thomas Pesquet's photographs: his name, and "orbite" ("orbit") in their alt texts.
    cards = page.locator(".grid .card")
    expect(cards).to_have_count(3)
    expect(cards.first.locator(".card-snippet mark")).to_have_text(["Pesquet"])

    page.goto(url("search", language) + "?q=Pesquet")
    # Grouped by kind: Proxima (its summary names him), then the astronaut himself.
    expect(page.locator(".search-results h2")).to_contain_text(
        ["Missions", words[1], "Images"], use_inner_text=True
    )
    page.locator(".search-hits a", has_text="Thomas Pesquet").click()
    expect(page).to_have_url(
        f"{live_server.url}{url('astronaut', language, slug='thomas-pesquet')}"
    )


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("screen", SCREENS)
def test_home_gallery_and_image_pages_fit_the_screen(
    open_page, screenshot, archive, screen, language
):
    """Full-page screenshots for a person to look at; the test itself checks that nothing is
    wider than the screen (no sideways scrolling) and that every image on the page loaded."""
    page = open_page(locale="fr-FR" if language == "fr" else "en-GB", viewport=SCREENS[screen])
    for name, path in [
        ("home", url("home", language)),
        ("gallery", url("gallery", language)),
        ("image", url("image", language, slug="sunrise")),
        ("search", url("search", language) + "?q=orbit"),
    ]:
        page.goto(path)
        expect_images_loaded(page.locator("main img"))
        page.evaluate("window.scrollTo(0, 0)")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a {screen} screen"
        screenshot(page, f"{name}-{screen}-{language}")


# Lighthouse's phone (Moto G Power), a 3x phone, a tablet, a laptop and a wide desktop.
DEVICES = {
    "moto-g": ((412, 823), 1.75),
    "phone-3x": ((390, 844), 3),
    "tablet": ((768, 1024), 2),
    "laptop": ((1024, 768), 1),
    "desktop": ((1366, 900), 1),
}
SRCSET_OF_SHOWN_IMAGE = """img => {
    const source = img.closest("picture").querySelector("source[type='image/webp']");
    return source.srcset.split(",").map(part => part.trim().split(/\\s+/));
}"""


@pytest.mark.parametrize("screen", DEVICES)
def test_each_picture_downloads_the_smallest_rendition_that_is_sharp_on_the_screen(
    open_page, archive, screen
):
    """The ``sizes`` of every ``<picture>`` matches the layout in site.css: the browser picks
    the narrowest WebP at least as wide as the picture's device pixels, so a phone is neither
    sent a blurry image nor one far bigger than it shows."""
    viewport, scale = DEVICES[screen]
    pages = [
        url("home", "en"),
        url("gallery", "en"),
        url("image", "en", slug="sunrise"),
        url("astronaut-list", "en"),
        url("astronaut", "en", slug="thomas-pesquet"),
        url("mission", "en", slug="proxima"),
    ]
    for path in pages:
        # A fresh browser each time: Chromium rightly reuses a bigger rendition it already has.
        page = open_page(viewport=viewport, scale=scale)
        page.goto(path)
        images = page.locator("main picture img")
        expect_images_loaded(images)
        for index in range(images.count()):
            img = images.nth(index)
            candidates = {
                src: int(width[:-1]) for src, width in img.evaluate(SRCSET_OF_SHOWN_IMAGE)
            }
            shown = img.evaluate("img => img.getBoundingClientRect().width") * scale
            chosen = candidates[img.evaluate("img => new URL(img.currentSrc).pathname")]
            # Half a device pixel for rounding: sizes and layout compute the same width.
            sharp_enough = [width for width in candidates.values() if width >= shown - 0.5]
            expected = min(sharp_enough) if sharp_enough else max(candidates.values())
            assert chosen == expected, (
                f"{path}: picture {index} is {shown:.0f} device px wide and got the "
                f"{chosen}w rendition instead of {expected}w (check its sizes attribute)"
            )
