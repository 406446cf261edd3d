"""The public pages, in English and French: content, drafts, previews and query counts."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    add_crew,
    make_astronaut,
    make_image,
    make_mission,
    make_spacecraft,
)


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"missions:{name}", kwargs=kwargs or None)


@pytest.fixture
def proxima(db):
    thomas = make_astronaut(
        name="Thomas Pesquet",
        slug="thomas-pesquet",
        biography_en="French ESA astronaut.",
        biography_fr="Astronaute français de l'ESA.",
    )
    soyuz = make_spacecraft(name="Soyuz", slug="soyuz", launch_count=1700)
    mission = make_mission(
        name="Proxima",
        slug="proxima",
        launch_date=date(2016, 11, 17),
        landing_date=date(2017, 6, 2),
        launch_site_en="Baikonur Cosmodrome",
        launch_site_fr="Cosmodrome de Baïkonour",
        summary_en="Six months on the ISS.",
        summary_fr="Six mois à bord de l'ISS.",
    )
    mission.spacecraft.add(soyuz)
    add_crew(mission, thomas)
    image = make_image(
        mission=mission,
        photographer=thomas,
        slug="sunrise",
        title_en="Flying into the sunrise",
        title_fr="Voler face au soleil",
        caption_en="Flying into the sunrise is really cool.",
        caption_fr="Voler face au soleil c’est vraiment cool.",
        licence="cc-by-sa-3.0-igo",
    )
    image.spacecraft.add(soyuz)
    return {"mission": mission, "astronaut": thomas, "spacecraft": soyuz, "image": image}


def test_root_sends_visitors_to_their_language(client, db):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").url == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").url == "/en/"


def test_french_urls_use_french_words(db):
    assert url("gallery", "fr") == "/fr/galerie/"
    assert url("mission", "fr", slug="proxima") == "/fr/missions/proxima/"


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "name", ["home", "mission-list", "astronaut-list", "spacecraft-list", "gallery"]
)
def test_list_pages_render_in_both_languages(client, proxima, name, language):
    response = client.get(url(name, language))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_home_shows_missions_and_latest_images_in_french(client, proxima):
    page = client.get(url("home", "fr")).content.decode()
    assert "Proxima" in page
    assert "Voler face au soleil" in page
    assert "Six mois à bord de l&#x27;ISS." in page


def test_mission_page_shows_dates_site_crew_spacecraft_and_images(client, proxima):
    page = client.get(url("mission", "fr", slug="proxima")).content.decode()
    assert "Cosmodrome de Baïkonour" in page
    assert "17 novembre 2016" in page
    assert "Thomas Pesquet" in page
    assert "ingénieur de vol" in page
    assert "Soyuz" in page
    assert "Voler face au soleil" in page
    assert "/fr/galerie/?mission=proxima" in page


def test_mission_page_in_english(client, proxima):
    page = client.get(url("mission", "en", slug="proxima")).content.decode()
    assert "Baikonur Cosmodrome" in page
    assert "17 November 2016" in page
    assert "flight engineer" in page


def test_astronaut_page_shows_biography_missions_and_photographs(client, proxima):
    page = client.get(url("astronaut", "fr", slug="thomas-pesquet")).content.decode()
    assert "Astronaute français de l&#x27;ESA." in page
    assert "Proxima" in page
    assert "Voler face au soleil" in page


def test_spacecraft_page_shows_key_figures_in_the_visitors_locale(client, proxima):
    assert "1\xa0700" in client.get(url("spacecraft", "fr", slug="soyuz")).content.decode()
    assert "1,700" in client.get(url("spacecraft", "en", slug="soyuz")).content.decode()


def test_image_page_shows_both_captions_active_language_first(client, proxima):
    page = client.get(url("image", "fr", slug="sunrise")).content.decode()
    french = page.index('<div class="caption" lang="fr">')
    english = page.index('<div class="caption" lang="en">')
    assert french < english
    assert "Voler face au soleil c’est vraiment cool." in page
    assert "Flying into the sunrise is really cool." in page
    page_en = client.get(url("image", "en", slug="sunrise")).content.decode()
    assert page_en.index('lang="en">') < page_en.index('<div class="caption" lang="fr">')


def test_image_page_marks_a_missing_language(client, proxima):
    make_image(slug="only-french", caption_en="", caption_fr="Seulement en français")
    page = client.get(url("image", "en", slug="only-french")).content.decode()
    assert "No caption in English yet." in page
    assert "Seulement en français" in page


def test_image_page_shows_licence_credit_size_and_original(client, proxima):
    image = proxima["image"]
    page = client.get(url("image", "en", slug="sunrise")).content.decode()
    assert 'href="https://creativecommons.org/licenses/by-sa/3.0/igo/"' in page
    assert "CC BY-SA 3.0 IGO" in page
    assert "64 × 48 pixels" in page
    assert f'href="{image.image.url}"' in page
    assert "3 December 2016" in page


def test_image_page_links_previous_and_next_within_its_mission(client, proxima):
    mission = proxima["mission"]
    older = make_image(mission=mission, slug="older", date_taken=date(2016, 12, 1))
    newer = make_image(mission=mission, slug="newer", date_taken=date(2017, 1, 5))
    make_image(slug="other-mission", date_taken=date(2016, 12, 2))
    page = client.get(url("image", "en", slug="sunrise")).content.decode()
    assert f'rel="prev" href="{older.get_absolute_url()}"' in page
    assert f'rel="next" href="{newer.get_absolute_url()}"' in page
    assert "other-mission" not in page


@pytest.mark.parametrize("name", ["mission", "astronaut", "spacecraft", "image"])
def test_missing_objects_are_404(client, db, name):
    assert client.get(url(name, slug="no-such-thing")).status_code == 404


def test_404_page_is_translated(client, db):
    response = client.get(url("mission", "fr", slug="nothing"))
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_drafts_are_404_for_visitors(client, db):
    mission = make_mission(is_published=False)
    astronaut = make_astronaut(is_published=False)
    craft = make_spacecraft(is_published=False)
    image = make_image(is_published=False)
    for obj in (mission, astronaut, craft, image):
        assert client.get(obj.get_absolute_url()).status_code == 404


def test_published_image_of_a_draft_mission_is_404(client, db):
    image = make_image(mission=make_mission(is_published=False))
    assert client.get(image.get_absolute_url()).status_code == 404


def test_drafts_are_absent_from_lists(client, db):
    make_mission(name="Secret mission", is_published=False)
    make_image(title_en="Secret image", is_published=False)
    for name in ("home", "mission-list", "gallery"):
        assert "Secret" not in client.get(url(name)).content.decode()


def test_editor_previews_a_draft_with_a_banner(editor_client, db):
    image = make_image(is_published=False, title_en="Not yet")
    response = editor_client.get(image.get_absolute_url())
    assert response.status_code == 200
    assert "Draft: only editors can see this page." in response.content.decode()


def test_admin_view_on_site_opens_the_public_page(editor_client, proxima):
    from django.contrib.contenttypes.models import ContentType

    image = proxima["image"]
    ct = ContentType.objects.get_for_model(image)
    response = editor_client.get(f"/admin/r/{ct.pk}/{image.pk}/", follow=True)
    assert response.status_code == 200
    assert "Flying into the sunrise" in response.content.decode()


def test_language_switch_keeps_page_and_filters(client, proxima):
    page = client.get(url("gallery", "en") + "?mission=proxima&year=2016").content.decode()
    assert 'href="/fr/galerie/?mission=proxima&amp;year=2016"' in page


def test_head_has_hreflang_alternates_and_open_graph(client, proxima):
    page = client.get(url("image", "en", slug="sunrise")).content.decode()
    assert (
        '<link rel="alternate" hreflang="fr" href="http://testserver/fr/images/sunrise/">' in page
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/images/sunrise/">' in page
    )
    assert '<meta property="og:title" content="Flying into the sunrise">' in page
    assert 'property="og:image" content="http://testserver/media/renditions/' in page
    assert "<title>Flying into the sunrise · ESA Archive</title>" in page


def test_images_use_responsive_pictures_with_size_and_alt(client, proxima):
    image = proxima["image"]
    image.alt_fr = "Le soleil se lève sur la Terre"
    image.save()
    page = client.get(url("image", "fr", slug="sunrise")).content.decode()
    assert '<source type="image/webp" srcset="' in page
    assert 'width="64" height="48" alt="Le soleil se lève sur la Terre"' in page
    gallery = client.get(url("gallery", "fr")).content.decode()
    assert 'loading="lazy"' in gallery or 'fetchpriority="high"' in gallery


def test_image_page_sizes_its_picture_by_the_screen_and_the_photos_proportions(client, proxima):
    page = client.get(url("image", "en", slug="sunrise")).content.decode()
    # 64 x 48 pixels: at most 82% of the screen's height times 4/3 wide.
    assert 'sizes="min(min(100vw - 2rem, 1168px), 82vh * 1.3333)"' in page


def test_alt_text_falls_back_to_the_caption(client, proxima):
    page = client.get(url("image", "fr", slug="sunrise")).content.decode()
    assert 'alt="Voler face au soleil c’est vraiment cool."' in page


def _many(count, mission, astronaut, craft):
    from missions.models import ImageCaption

    for _ in range(count - ImageCaption.objects.count()):
        image = make_image(mission=mission, photographer=astronaut)
        image.spacecraft.add(craft)


def _queries(client, django_assert_max_num_queries, path):
    with django_assert_max_num_queries(20) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("home", {}),
        ("gallery", {}),
        ("mission-list", {}),
        ("astronaut-list", {}),
        ("spacecraft-list", {}),
        ("mission", {"slug": "proxima"}),
        ("astronaut", {"slug": "thomas-pesquet"}),
        ("spacecraft", {"slug": "soyuz"}),
        ("image", {"slug": "sunrise"}),
    ],
)
def test_page_queries_do_not_grow_with_items(
    client, proxima, django_assert_max_num_queries, name, kwargs
):
    """Cards, crews, facets and renditions must not cost a query per item (no N+1)."""
    path = url(name, **kwargs)
    args = (proxima["mission"], proxima["astronaut"], proxima["spacecraft"])
    _many(3, *args)
    for n in range(3):
        extra = make_mission(slug=f"extra-{n}")
        add_crew(extra, make_astronaut(slug=f"crew-{n}"))
        extra.spacecraft.add(make_spacecraft(slug=f"craft-{n}"))
    small = _queries(client, django_assert_max_num_queries, path)
    _many(30, *args)
    for n in range(3, 20):
        extra = make_mission(slug=f"extra-{n}")
        add_crew(extra, make_astronaut(slug=f"crew-{n}"))
        extra.spacecraft.add(make_spacecraft(slug=f"craft-{n}"))
    large = _queries(client, django_assert_max_num_queries, path)
    assert small == large


def test_pages_send_security_headers(client, db):
    response = client.get(url("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_are_compressed_for_browsers_that_accept_it(client, proxima):
    response = client.get(url("gallery"), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
