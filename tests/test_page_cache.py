"""The page cache: anonymous pages come from the cache, and every change shows at once."""

import gzip
import threading
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from missions.caching import VERSION_KEY, PageCacheMiddleware, current_version, page_cache
from missions.models import ContentVersion, ImageCaption
from tests.factories import add_crew, make_astronaut, make_image, make_mission, make_spacecraft


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def site(db):
    mission = make_mission(name="Proxima", slug="proxima")
    thomas = make_astronaut(name="Thomas Pesquet", slug="thomas")
    add_crew(mission, thomas)
    image = make_image(
        slug="sunrise",
        mission=mission,
        photographer=thomas,
        title_en="Sunrise over the Pacific",
        title_fr="Lever de soleil sur le Pacifique",
        date_taken=date(2016, 12, 3),
    )
    return {"mission": mission, "thomas": thomas, "image": image}


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(f"missions:{name}", kwargs=kwargs or None)


def page(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    return response.content.decode()


def warm(client, *paths):
    """Request each page twice, so that the second answer surely comes from the cache."""
    for path in paths:
        page(client, path)
        assert page(client, path) == page(client, path)


def test_version_is_read_from_the_database_when_the_cache_lost_it(client, site):
    gallery = url("gallery", "en")
    warm(client, gallery)
    page_cache().clear()
    ContentVersion.objects.update(token="after-a-restore")
    ImageCaption.objects.filter(pk=site["image"].pk).update(title_en="Restored title")
    assert "Restored title" in page(client, gallery)


def test_repeated_anonymous_request_is_served_from_the_cache(
    client, site, django_assert_max_num_queries
):
    gallery = url("gallery", "en")
    first = page(client, gallery)
    with django_assert_max_num_queries(0):  # the content version comes from the cache too
        assert page(client, gallery) == first


def test_cached_page_costs_the_same_queries_whatever_the_archive_size(
    client, site, django_assert_num_queries
):
    for n in range(30):
        make_image(slug=f"more-{n}", mission=site["mission"])
    page(client, url("gallery", "en"))
    with django_assert_num_queries(0):
        page(client, url("gallery", "en"))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_edited_caption_shows_on_cached_pages_at_once(client, site, language):
    image = site["image"]
    pages = [
        url("image", language, slug="sunrise"),
        url("gallery", language),
        url("home", language),
    ]
    warm(client, *pages)
    image.title_en, image.title_fr = "Aurora seen from the Cupola", "Aurore vue de la coupole"
    image.save()
    expected = "Aurora seen from the Cupola" if language == "en" else "Aurore vue de la coupole"
    for path in pages:
        assert expected in page(client, path), path


@pytest.mark.parametrize("language", ["en", "fr"])
def test_unpublished_image_leaves_every_cached_page(client, site, language):
    image_page, gallery = url("image", language, slug="sunrise"), url("gallery", language)
    warm(client, image_page, gallery)
    site["image"].is_published = False
    site["image"].save()
    assert client.get(image_page).status_code == 404
    assert "sunrise" not in page(client, gallery)


def test_published_image_appears_on_cached_gallery_and_mission(client, site):
    gallery, mission = url("gallery", "fr"), url("mission", "fr", slug="proxima")
    warm(client, gallery, mission)
    draft = make_image(slug="glacier", mission=site["mission"], is_published=False)
    assert "glacier" not in page(client, gallery)
    draft.is_published = True
    draft.save()
    assert "/fr/images/glacier/" in page(client, gallery)
    assert "/fr/images/glacier/" in page(client, mission)


def test_deleted_image_leaves_cached_pages(client, site):
    gallery = url("gallery", "en")
    warm(client, gallery)
    site["image"].delete()
    assert "sunrise" not in page(client, gallery)


@pytest.mark.parametrize("action,published", [("unpublish", False), ("publish", True)])
def test_bulk_actions_show_on_cached_pages(client, editor, site, action, published):
    other = make_image(slug="glacier", mission=site["mission"], is_published=not published)
    gallery = url("gallery", "en")
    warm(client, gallery)
    editor_client = type(client)()
    editor_client.force_login(editor)
    editor_client.post(
        reverse("admin:missions_imagecaption_changelist"),
        {"action": action, "_selected_action": [other.pk]},
    )
    assert ImageCaption.objects.get(pk=other.pk).is_published is published
    assert ("/en/images/glacier/" in page(client, gallery)) is published


def test_unpublished_mission_takes_its_cached_pages_and_images_with_it(client, site):
    mission_page, gallery = url("mission", "en", slug="proxima"), url("gallery", "en")
    warm(client, mission_page, gallery)
    site["mission"].is_published = False
    site["mission"].save()
    assert client.get(mission_page).status_code == 404
    assert "sunrise" not in page(client, gallery)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_new_crew_member_shows_on_the_cached_mission_page(client, site, language):
    mission_page = url("mission", language, slug="proxima")
    warm(client, mission_page)
    add_crew(site["mission"], make_astronaut(name="Oleg Novitski", slug="oleg"))
    assert "Oleg Novitski" in page(client, mission_page)


def test_spacecraft_links_show_on_cached_pages(client, site):
    mission_page, gallery = url("mission", "en", slug="proxima"), url("gallery", "en")
    warm(client, mission_page, gallery)
    soyuz = make_spacecraft(name="Soyuz MS-03", slug="soyuz-ms-03")
    site["mission"].spacecraft.add(soyuz)
    assert "Soyuz MS-03" in page(client, mission_page)
    site["image"].spacecraft.add(soyuz)
    assert '<option value="soyuz-ms-03">Soyuz MS-03 (1)</option>' in page(client, gallery)


def test_new_portrait_shows_on_the_cached_astronaut_list(client, site):
    astronauts = url("astronaut-list", "en")
    warm(client, astronauts)
    thomas = site["thomas"]
    thomas.portrait = site["image"]
    thomas.save()
    assert site["image"].rendition_url("webp_320") in page(client, astronauts)


def test_anonymous_page_may_be_kept_by_shared_caches_and_revalidated(client, site):
    response = client.get(url("gallery", "en"))
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=60" in cache_control
    assert "max-age=0" in cache_control
    assert response["ETag"]


def test_repeated_conditional_request_gets_304_until_something_changes(client, site):
    gallery = url("gallery", "en")
    etag = client.get(gallery)["ETag"]
    assert client.get(gallery, headers={"If-None-Match": etag}).status_code == 304
    site["image"].title_en = "Aurora"
    site["image"].save()
    fresh = client.get(gallery, headers={"If-None-Match": etag})
    assert fresh.status_code == 200
    assert "Aurora" in fresh.content.decode()
    assert fresh["ETag"] != etag


def test_if_modified_since_gets_304_until_something_changes(client, site):
    """Last-Modified counts whole seconds: it is given once the version's second is over."""
    gallery = url("gallery", "en")
    assert not client.get(gallery).has_header("Last-Modified")  # changed in this very second
    ContentVersion.objects.update(changed_at=timezone.now() - timedelta(seconds=5))
    page_cache().delete(VERSION_KEY)  # what content_changed() does, for this hand-made change
    last_modified = client.get(gallery)["Last-Modified"]
    assert client.get(gallery, headers={"If-Modified-Since": last_modified}).status_code == 304
    site["image"].delete()
    assert client.get(gallery, headers={"If-Modified-Since": last_modified}).status_code == 200


def test_cached_page_is_sent_compressed_to_browsers_that_accept_it(client, site):
    gallery = url("gallery", "en")
    plain = page(client, gallery)
    response = client.get(gallery, headers={"Accept-Encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content).decode() == plain


def test_logged_in_editor_pages_are_private_and_never_reach_visitors(editor_client, site):
    visitor = type(editor_client)()
    draft = make_image(slug="secret-draft", mission=site["mission"], is_published=False)
    preview = editor_client.get(url("image", "en", slug="secret-draft"))
    assert preview.status_code == 200
    assert "private" in preview["Cache-Control"]
    assert "public" not in preview["Cache-Control"]
    editor_gallery = editor_client.get(url("gallery", "en"))
    assert "private" in editor_gallery["Cache-Control"]
    assert visitor.get(draft.get_absolute_url()).status_code == 404
    assert "public" in visitor.get(url("gallery", "en"))["Cache-Control"]


def test_page_with_a_message_is_private_and_not_cached(client, site):
    lost = url("gallery", "en") + "?page=999"
    response = client.get(lost)
    assert "There is no page" in response.content.decode()
    assert "private" in response["Cache-Control"]
    other_visitor = type(client)()
    assert "There is no page" in other_visitor.get(lost).content.decode()


def test_visitor_with_a_waiting_message_is_not_served_from_the_cache(client, site):
    gallery = url("gallery", "en")
    warm(client, gallery)
    client.cookies["messages"] = "anything"
    response = client.get(gallery)
    assert "private" in response["Cache-Control"]


def test_admin_pages_are_never_stored(client, db):
    response = client.get(reverse("admin:login"))
    assert "public" not in response.get("Cache-Control", "")


def test_sitemap_pages_are_cached_and_follow_changes(client, site):
    warm(client, "/sitemap-images.xml")
    make_image(slug="glacier", mission=site["mission"])
    assert "/en/images/glacier/" in page(client, "/sitemap-images.xml")


def test_with_the_cache_off_pages_still_revalidate(client, site, settings):
    settings.PAGE_CACHE = False
    gallery = url("gallery", "en")
    etag = client.get(gallery)["ETag"]
    assert client.get(gallery, headers={"If-None-Match": etag}).status_code == 304


def rendering_lock(client, path):
    """The key another request holds while it renders ``path`` for visitors."""
    request = client.get(path).wsgi_request
    return f"{PageCacheMiddleware._key(request, current_version())}:rendering"


def test_visitor_waits_for_a_page_another_request_is_rendering(client, site):
    """After a change, one request renders a page and the others take its result."""
    gallery = url("gallery", "en")
    rendered = page(client, gallery)
    lock = rendering_lock(client, gallery)
    key = lock.removesuffix(":rendering")
    stored = page_cache().get(key)
    page_cache().delete(key)
    page_cache().add(lock, True, 5)  # another request is rendering it
    threading.Timer(0.2, page_cache().set, (key, stored)).start()
    response = client.get(gallery)
    assert response.context is None  # not rendered here: the other request's page
    assert response.content.decode() == rendered


def test_visitor_renders_when_the_other_request_stored_nothing(client, site):
    gallery = url("gallery", "en") + "?page=999"  # a page with a message is never stored
    lock = rendering_lock(client, gallery)
    page_cache().add(lock, True, 5)
    threading.Timer(0.2, page_cache().delete, (lock,)).start()
    response = client.get(gallery)
    assert response.status_code == 200
    assert "There is no page" in response.content.decode()
