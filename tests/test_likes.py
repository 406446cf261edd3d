"""Likes: counted once per visitor, never for drafts, scripted POSTs refused, and the cached
pages show the new count without the rest of the page cache being renewed."""

import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from missions.caching import current_version
from missions.likes import VISITOR_COOKIE, visitor_of
from missions.models import ImageCaption, Like, Mission
from tests.factories import make_image, make_mission, new_video

THANKS = "Thank you for liking"
ALREADY = "You have already liked this page, you can only like it once!"
JSON = {"Accept": "application/json"}


@pytest.fixture
def site(db):
    mission = make_mission(name="Proxima", slug="proxima")
    image = make_image(slug="sunrise", mission=mission, title_en="Sunrise", title_fr="Aube")
    return {"mission": mission, "image": image}


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"missions:{name}", kwargs=kwargs or None)


def like_url(kind, slug, language="en"):
    return url(f"{kind}-like", language, slug=slug)


def like(client, kind="image", slug="sunrise", language="en", **extra):
    """What a visitor without JavaScript does: open the confirmation page, send its form."""
    page = client.get(like_url(kind, slug, language))
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    data = {"csrfmiddlewaretoken": token.group(1)} if token else {}
    return client.post(like_url(kind, slug, language), data, **extra)


def count(record):
    return type(record).objects.get(pk=record.pk).like_count


@pytest.mark.parametrize("kind,key", [("image", "image"), ("mission", "mission")])
def test_a_like_is_counted_once_per_visitor(client, site, kind, key):
    record = site[key]
    response = like(client, kind, record.slug)
    assert response.status_code == 303
    assert response["Location"] == record.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert THANKS in page
    assert "1 like<" in page
    assert count(record) == 1

    again = like(client, kind, record.slug, follow=True)
    assert ALREADY in again.content.decode()
    assert count(record) == 1
    assert Like.objects.filter(target=kind, object_id=record.pk).count() == 1

    like(Client(), kind, record.slug)  # another visitor
    assert count(record) == 2


def test_the_visitor_cookie_is_signed_long_lived_httponly_and_stored_hashed(client, site):
    response = client.get(like_url("image", "sunrise"))
    cookie = response.cookies[VISITOR_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 365 * 24 * 60 * 60
    request = RequestFactory().get("/", headers={"Cookie": f"{VISITOR_COOKIE}={cookie.value}"})
    visitor = visitor_of(request)
    assert visitor and visitor not in cookie.value.rsplit(":", 2)[1:]
    like(client)
    stored = Like.objects.get().visitor
    assert len(stored) == 64
    assert visitor not in stored and stored not in cookie.value


def test_a_like_of_a_video_is_counted(client, db, jobs):
    video = new_video(jobs, mission=make_mission())
    assert like(client, "video", video.slug).status_code == 303
    page = client.get(video.get_absolute_url()).content.decode()
    assert THANKS in page and "1 like<" in page
    assert count(video) == 1


def test_a_post_without_a_good_csrf_token_is_refused_and_not_counted(site):
    client = Client(enforce_csrf_checks=True)
    address = like_url("image", "sunrise")
    client.get(address)  # the CSRF and visitor cookies
    assert client.post(address).status_code == 403
    assert client.post(address, {"csrfmiddlewaretoken": "x" * 64}).status_code == 403
    assert client.post(address, headers={**JSON, "X-CSRFToken": "forged"}).status_code == 403
    assert count(site["image"]) == 0
    assert not Like.objects.exists()
    assert like(client).status_code == 303  # the form's own token passes
    assert count(site["image"]) == 1


def test_a_forged_visitor_cookie_counts_nothing_and_is_replaced(client, site):
    client.cookies[VISITOR_COOKIE] = "forged-visitor-id"
    response = like(client)
    # The confirmation page already replaced it (a new signed id) before the form was sent.
    assert client.cookies[VISITOR_COOKIE].value != "forged-visitor-id"
    assert response.status_code == 303
    assert count(site["image"]) == 1

    scripted = Client()
    scripted.cookies[VISITOR_COOKIE] = "forged-visitor-id"
    response = scripted.post(like_url("image", "sunrise"))  # no confirmation page first
    assert response.status_code == 400
    assert "allow cookies" in response.content.decode()
    assert count(site["image"]) == 1
    assert scripted.cookies[VISITOR_COOKIE].value != "forged-visitor-id"
    assert scripted.post(like_url("image", "sunrise")).status_code == 303  # now a visitor
    assert count(site["image"]) == 2


def test_over_the_rate_limit_likes_are_refused_and_not_counted(site, settings):
    settings.LIKE_RATE = "2/h"
    for _visitor in range(2):
        assert like(Client()).status_code == 303
    response = like(Client())
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many likes" in response.content.decode()
    assert count(site["image"]) == 2
    answer = Client().post(like_url("image", "sunrise"), headers=JSON)
    assert answer.status_code == 429
    assert "Too many likes" in answer.json()["message"]


@pytest.mark.parametrize("who", ["visitor", "editor"])
def test_a_draft_cannot_be_liked(client, editor, site, who):
    if who == "editor":
        client.force_login(editor)
    draft = make_image(slug="draft", mission=site["mission"], is_published=False)
    hidden = make_image(slug="hidden", mission=make_mission(is_published=False))
    draft_mission = Mission.objects.get(pk=hidden.mission_id)
    for kind, slug in (("image", "draft"), ("image", "hidden"), ("mission", draft_mission.slug)):
        assert client.get(like_url(kind, slug)).status_code == 404
        assert client.post(like_url(kind, slug)).status_code == 404
    assert count(draft) == count(hidden) == count(draft_mission) == 0
    assert not Like.objects.exists()
    if who == "editor":  # the preview of a draft shows no like control
        assert "like-button" not in client.get(draft.get_absolute_url()).content.decode()


def test_the_confirmation_page_works_without_javascript_and_is_never_cached(client, site, settings):
    settings.PAGE_CACHE = True
    for language in ("en", "fr"):
        response = client.get(like_url("image", "sunrise", language))
        body = response.content.decode()
        assert response.status_code == 200
        assert '<form method="post"' in body and "csrfmiddlewaretoken" in body
        assert "noindex" in body
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        again = Client().get(like_url("image", "sunrise", language))
        assert again.context is not None  # rendered, not served from the cache
    assert like(client).status_code == 303
    already = client.get(like_url("image", "sunrise")).content.decode()
    assert ALREADY in already and "csrfmiddlewaretoken" not in already


def test_the_french_confirmation_page_answers_in_french(client, site):
    address = like_url("image", "sunrise", "fr")
    assert address.startswith("/fr/")
    response = like(client, language="fr")
    assert response["Location"] == url("image", "fr", slug="sunrise")


def test_with_javascript_the_like_is_sent_as_json(site):
    client = Client(enforce_csrf_checks=True)
    address = like_url("image", "sunrise")
    page = client.get(address, headers=JSON).json()
    assert page["liked"] is False and page["count"] == 0 and page["csrf_token"]
    answer = client.post(address, headers={**JSON, "X-CSRFToken": page["csrf_token"]})
    assert answer.status_code == 200
    assert answer.json() == {
        "count": 1,
        "count_text": "1 like",
        "liked": True,
        "counted": True,
        "message": THANKS,
    }
    assert "messages" not in answer.cookies  # shown in place, not on the next page
    again = client.post(address, headers={**JSON, "X-CSRFToken": page["csrf_token"]}).json()
    assert again["counted"] is False and again["message"] == ALREADY and again["count"] == 1
    assert client.get(address, headers=JSON).json()["liked"] is True


def test_a_like_request_costs_few_queries(client, site, django_assert_max_num_queries):
    client.get(like_url("image", "sunrise"))
    token = client.cookies["csrftoken"].value
    with django_assert_max_num_queries(8):
        response = client.post(like_url("image", "sunrise"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 303
    with django_assert_max_num_queries(8):
        client.post(like_url("image", "sunrise"), {"csrfmiddlewaretoken": token})  # already


# --- the page cache -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["image", "mission"])
def test_cached_pages_set_no_cookie_and_carry_no_csrf_token(client, site, settings, kind):
    settings.PAGE_CACHE = True
    record = site[kind]
    for language in ("en", "fr"):
        path = url(kind, language, slug=record.slug)
        for _time in range(2):  # rendered, then from the cache
            response = client.get(path)
            body = response.content.decode()
            assert response.status_code == 200
            assert not response.cookies
            assert "csrfmiddlewaretoken" not in body and "csrftoken" not in body
            assert "public" in response["Cache-Control"]
            assert f'href="{like_url(kind, record.slug, language)}"' in body
        assert response.context is None  # the second came from the cache


def test_a_like_shows_on_the_cached_pages_of_its_record_only(
    client,
    site,
    settings,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    settings.PAGE_CACHE = True
    image_pages = [url("image", language, slug="sunrise") for language in ("en", "fr")]
    others = [url("gallery"), url("mission", slug="proxima"), url("home")]
    for path in image_pages + others:
        client.get(path)
        assert client.get(path).context is None  # cached
    assert "0 likes<" in client.get(image_pages[0]).content.decode()
    assert client.get("/api/v1/images/sunrise").json()["likes"] == 0  # now cached too
    version = current_version().token

    with django_capture_on_commit_callbacks(execute=True):
        response = like(Client())
    assert response.status_code == 303

    assert current_version().token == version  # the content version is unchanged
    for path in image_pages:
        fresh = client.get(path)
        assert fresh.context is not None, path  # rendered again, with the new count
        assert fresh.context["image"].like_count == 1
    assert "1 like<" in client.get(image_pages[0]).content.decode()
    assert client.get("/api/v1/images/sunrise").json()["likes"] == 1
    for path in others:
        with django_assert_num_queries(0):
            assert client.get(path).status_code == 200  # still from the cache


def test_a_revalidating_browser_gets_the_new_count(
    client, site, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    path = url("image", slug="sunrise")
    etag = client.get(path)["ETag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        like(Client())
    fresh = client.get(path, headers={"If-None-Match": etag})
    assert fresh.status_code == 200
    assert "1 like<" in fresh.content.decode()


# --- the gallery ----------------------------------------------------------------------------


def test_the_gallery_sorts_by_most_liked(client, site):
    mission = site["mission"]
    liked = {"few": 2, "many": 9, "none": 0, "some": 5}
    for slug, likes in liked.items():
        image = make_image(slug=slug, mission=mission)
        ImageCaption.objects.filter(pk=image.pk).update(like_count=likes)
    response = client.get(url("gallery"), {"sort": "liked"})
    assert response.status_code == 200
    shown = [image.slug for image in response.context["object_list"]]
    assert shown[:3] == ["many", "some", "few"]
    assert shown[3:] == ["none", "sunrise"]  # as many likes: the newest id first
    assert response.context["image_count"] == 5
    assert "Most liked" in response.content.decode()
    filtered = client.get(url("gallery"), {"sort": "liked", "mission": "proxima"})
    assert [image.slug for image in filtered.context["object_list"]][:3] == shown[:3]
