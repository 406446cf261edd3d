"""axe-core on every kind of public page, in English and in French: nothing serious or critical.

Minor and moderate findings do not fail a test; they are printed and listed at the end of the run.
"""

import pytest

from tests.browser.helpers import make_archive, make_film, url

BLOCKING = ("serious", "critical")

# Each page kind: how to find its path in a language, given the archive the test made.
PAGES = {
    "home": lambda archive, language: url("home", language),
    "mission-list": lambda archive, language: url("mission-list", language),
    "mission": lambda archive, language: url("mission", language, slug="proxima"),
    "astronaut-list": lambda archive, language: url("astronaut-list", language),
    "astronaut": lambda archive, language: url("astronaut", language, slug="thomas-pesquet"),
    "spacecraft-list": lambda archive, language: url("spacecraft-list", language),
    "spacecraft": lambda archive, language: url("spacecraft", language, slug="soyuz-ms"),
    "gallery": lambda archive, language: url("gallery", language),
    "gallery-filtered": lambda archive, language: (
        url("gallery", language) + "?mission=proxima&year=2016&sort=oldest"
    ),
    "gallery-searched": lambda archive, language: url("gallery", language) + "?q=orbit",
    "search": lambda archive, language: url("search", language) + "?q=pesquet",
    "image": lambda archive, language: url("image", language, slug="sunrise"),
    "video": lambda archive, language: url("video", language, slug=make_film().slug),
    "gallery-videos": lambda archive, language: (
        make_film() and url("gallery", language) + "?type=videos"
    ),
    "not-found": lambda archive, language: f"/{language}/no-such-page/",
}


def describe(violation):
    nodes = "\n".join(
        f"      {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}"
        for node in violation["nodes"][:5]
    )
    return f"  [{violation['impact']}] {violation['id']}: {violation['help']}\n{nodes}"


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("kind", PAGES)
def test_public_page_has_no_serious_accessibility_violation(open_page, axe, db, kind, language):
    archive = make_archive(image_size=(640, 427))
    page = open_page(locale="fr-FR" if language == "fr" else "en-GB")
    response = page.goto(PAGES[kind](archive, language))
    assert response.status == (404 if kind == "not-found" else 200)

    blocking = [v for v in axe(page) if v["impact"] in BLOCKING]

    assert not blocking, f"{page.url}:\n" + "\n".join(describe(v) for v in blocking)
