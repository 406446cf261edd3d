"""The public API as a re-user meets it: lists in pages that do not shift, the gallery's filters
and search, every file of an image with its size, both languages, 304s, CORS, limits — and
never a draft."""

import json
from datetime import date

import pytest

from missions.models import (
    Agency,
    Agreement,
    Astronaut,
    CrewMember,
    Experiment,
    ImageCaption,
    Mission,
    MissionEvent,
    MissionFigure,
    Place,
    RelatedLink,
)
from tests.factories import (
    add_crew,
    image_bytes,
    make_astronaut,
    make_image,
    make_mission,
    make_spacecraft,
    new_video,
    upload,
)


@pytest.fixture(autouse=True)
def served_media(settings):
    settings.SERVE_MEDIA = True  # the files the API points to, as `make serve` serves them


def get(client, path, **headers):
    response = client.get(path, **headers)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response


def walk(client, path):
    """Every record of a list, following ``next`` page after page."""
    found, pages = [], 0
    while path:
        answer = get(client, path).json()
        found += answer["results"]
        path = answer["next"] and answer["next"].removeprefix("http://testserver")
        pages += 1
    return found, pages


@pytest.fixture
def archive(db):
    proxima = make_mission(slug="proxima", name="Proxima", launch_date=date(2016, 11, 17))
    make_mission(slug="secret", name="Secret", is_published=False)
    thomas = make_astronaut(slug="thomas-pesquet", name="Thomas Pesquet")
    hidden = make_astronaut(slug="hidden", name="Hidden", is_published=False)
    add_crew(proxima, thomas)
    add_crew(proxima, hidden)
    soyuz = make_spacecraft(slug="soyuz", name="Soyuz", name_fr="Soyouz")
    proxima.spacecraft.add(soyuz, make_spacecraft(slug="draft-craft", is_published=False))
    sunrise = make_image(
        slug="sunrise",
        mission=proxima,
        photographer=thomas,
        title_en="Flying into the sunrise",
        title_fr="Voler face au soleil",
        caption_en="The station flies into the sunrise.",
        caption_fr="La station vole face au soleil levant.",
        date_taken=date(2017, 1, 10),
        image=upload("sunrise.jpg", image_bytes(1800, 1200)),
    )
    sunrise.spacecraft.add(soyuz)
    make_image(slug="clouds", mission=proxima, date_taken=date(2016, 12, 1), caption_fr="")
    make_image(slug="undated", date_taken=None)
    make_image(slug="draft", is_published=False)
    make_image(slug="of-a-secret-mission", mission=make_mission(is_published=False))
    return proxima


def test_images_are_listed_in_both_languages_without_drafts(client, archive):
    answer = get(client, "/api/v1/images").json()
    assert [image["slug"] for image in answer["results"]] == ["sunrise", "clouds", "undated"]
    assert answer["count"] == 3
    assert answer["next"] is None
    sunrise = answer["results"][0]
    assert sunrise["title"] == {"en": "Flying into the sunrise", "fr": "Voler face au soleil"}
    assert sunrise["mission"] == "proxima"
    assert sunrise["pages"] == {
        "en": "http://testserver/en/images/sunrise/",
        "fr": "http://testserver/fr/images/sunrise/",
    }
    assert client.get(sunrise["thumbnail"].removeprefix("http://testserver")).status_code == 200
    # A text the editors left empty is null, not the other language's text.
    assert answer["results"][1]["caption"]["fr"] is None


def test_an_image_gives_every_file_with_its_real_size_licence_and_credit(client, archive):
    image = get(client, "/api/v1/images/sunrise").json()
    assert image["licence"]["url"].startswith("https://")
    assert image["credit"] == "ESA"
    assert image["photographer"]["slug"] == "thomas-pesquet"
    assert [craft["slug"] for craft in image["spacecraft"]] == ["soyuz"]
    assert image["original"]["width"] == 1800
    assert image["original"]["format"] == "image/jpeg"
    files = [image["original"], *image["renditions"]]
    assert {file["format"] for file in image["renditions"]} == {"image/webp", "image/jpeg"}
    assert {file["width"] for file in image["renditions"]} >= {320, 640, 1024, 1280, 1600}
    for file in files:
        served = client.get(file["url"].removeprefix("http://testserver"))
        assert served.status_code == 200
        body = b"".join(served.streaming_content)
        assert len(body) == file["bytes"], file["url"]
        assert served["Content-Type"] == file["format"]
    assert image["iiif_manifest"].endswith("/iiif/images/sunrise/manifest.json")


@pytest.mark.parametrize("slug", ["draft", "of-a-secret-mission", "no-such-image"])
def test_a_draft_image_is_not_found(client, archive, slug):
    response = get(client, f"/api/v1/images/{slug}")
    assert response.status_code == 404
    assert slug in response.json()["detail"]


def test_the_gallery_filters_narrow_the_list(client, archive):
    def slugs(query):
        return [image["slug"] for image in get(client, f"/api/v1/images?{query}").json()["results"]]

    assert slugs("mission=proxima") == ["sunrise", "clouds"]
    assert slugs("photographer=thomas-pesquet") == ["sunrise"]
    assert slugs("spacecraft=soyuz") == ["sunrise"]
    assert slugs("year=2016") == ["clouds"]
    assert slugs("q=soleil") == ["sunrise"]  # French
    assert slugs("q=sunrise") == ["sunrise"]
    assert slugs("sort=oldest") == ["clouds", "sunrise", "undated"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("mission=secret", "secret"),
        ("mission=nope", "nope"),
        ("year=abc", "year"),
        ("year=1200", "year"),
        ("sort=random", "sort"),
        ("limit=0", "limit"),
        ("limit=1000", "limit"),
        ("cursor=not-a-cursor", "cursor"),
    ],
)
def test_bad_parameters_get_a_clear_400(client, archive, query, message):
    response = get(client, f"/api/v1/images?{query}")
    assert response.status_code == 400
    assert message in response.json()["detail"]


@pytest.mark.parametrize("sort", ["newest", "oldest", "added", "liked"])
def test_cursors_walk_the_whole_list_once(client, db, sort):
    for likes, day in enumerate((1, 1, 1, 2, 3, None, None)):  # equal dates, undated ones
        image = make_image(date_taken=date(2020, 5, day) if day else None)
        ImageCaption.objects.filter(pk=image.pk).update(like_count=likes % 3)
    expected = [
        image["slug"] for image in get(client, f"/api/v1/images?sort={sort}").json()["results"]
    ]
    found, pages = walk(client, f"/api/v1/images?sort={sort}&limit=2")
    assert [image["slug"] for image in found] == expected
    assert pages == 4
    assert len(set(expected)) == 7


def test_a_cursor_does_not_shift_when_images_are_published_above_it(client, db):
    for day in range(1, 6):
        make_image(slug=f"day-{day}", date_taken=date(2020, 5, day))
    first = get(client, "/api/v1/images?limit=2").json()
    assert [image["slug"] for image in first["results"]] == ["day-5", "day-4"]
    make_image(slug="newer", date_taken=date(2021, 1, 1))
    ImageCaption.objects.filter(slug="day-5").update(is_published=False)
    following = get(client, first["next"].removeprefix("http://testserver")).json()
    assert [image["slug"] for image in following["results"]] == ["day-3", "day-2"]


def test_a_cursor_belongs_to_its_order(client, db):
    for _ in range(3):
        make_image()
    newest = get(client, "/api/v1/images?limit=1").json()["next"]
    cursor = newest.split("cursor=")[1].split("&")[0]
    response = get(client, f"/api/v1/images?sort=added&cursor={cursor}")
    assert response.status_code == 400
    assert "first page" in response.json()["detail"]


def test_a_search_by_relevance_is_paged_too(client, db):
    for n in range(5):
        make_image(slug=f"dock-{n}", caption_en=f"Docking number {n}")
    make_image(slug="title-match", title_en="Docking", caption_en="Something else.")
    found, pages = walk(client, "/api/v1/images?q=docking&limit=2")
    slugs = [image["slug"] for image in found]
    assert slugs[0] == "title-match"
    assert sorted(slugs) == sorted(["title-match", *(f"dock-{n}" for n in range(5))])
    assert pages == 3


def test_missions_astronauts_and_spacecraft_without_drafts(client, archive):
    missions = get(client, "/api/v1/missions").json()
    assert [mission["slug"] for mission in missions["results"]] == ["proxima"]
    proxima = get(client, "/api/v1/missions/proxima").json()
    assert [member["slug"] for member in proxima["crew"]] == ["thomas-pesquet"]
    assert proxima["crew"][0]["role"] == CrewMember.Role.FLIGHT_ENGINEER
    assert [craft["slug"] for craft in proxima["spacecraft"]] == ["soyuz"]
    assert proxima["image_count"] == 2
    manifest = client.get(proxima["iiif_manifest"].removeprefix("http://testserver"))
    assert len(json.loads(b"".join(manifest.streaming_content))["items"]) == 2
    assert get(client, "/api/v1/missions").json()["count"] == 1
    images = get(client, proxima["images"].removeprefix("http://testserver")).json()
    assert images["count"] == 2
    assert proxima["summary"]["fr"].startswith("Résumé")
    assert get(client, "/api/v1/missions/secret").status_code == 404

    astronauts = get(client, "/api/v1/astronauts").json()
    assert [person["slug"] for person in astronauts["results"]] == ["thomas-pesquet"]
    thomas = get(client, "/api/v1/astronauts/thomas-pesquet").json()
    assert [flown["slug"] for flown in thomas["missions"]] == ["proxima"]
    assert thomas["biography"] == {"en": "Biography", "fr": "Biographie"}
    assert get(client, "/api/v1/astronauts/hidden").status_code == 404

    crafts = get(client, "/api/v1/spacecraft").json()
    assert [craft["slug"] for craft in crafts["results"]] == ["soyuz"]
    soyuz = get(client, "/api/v1/spacecraft/soyuz").json()
    assert soyuz["name"] == {"en": "Soyuz", "fr": "Soyouz"}
    assert get(client, "/api/v1/spacecraft/draft-craft").status_code == 404


def test_videos_give_their_files_and_stay_private_until_ready(client, jobs, archive):
    ready = new_video(jobs, slug="undocking", mission=archive)
    new_video(jobs, slug="draft-video", is_published=False)
    new_video(jobs, run=False, slug="still-processing")
    listed = get(client, "/api/v1/videos").json()
    assert [video["slug"] for video in listed["results"]] == ["undocking"]
    assert get(client, "/api/v1/videos?mission=proxima").json()["count"] == 1
    assert get(client, "/api/v1/videos?q=désamarrage").json()["count"] == 1
    video = get(client, "/api/v1/videos/undocking").json()
    assert video["title"] == {"en": "Undocking", "fr": "Désamarrage"}
    assert video["files"] and video["files"][0]["format"] == "video/mp4"
    first = video["files"][0]
    served = client.get(first["url"].removeprefix("http://testserver"))
    assert len(b"".join(served.streaming_content)) == first["bytes"]
    assert first["height"] == ready.renditions["mp4"][0]["height"]
    for slug in ("still-processing", "draft-video"):
        assert get(client, f"/api/v1/videos/{slug}").status_code == 404


def test_answers_are_revalidated_until_the_archive_changes(
    client, archive, django_capture_on_commit_callbacks
):
    first = get(client, "/api/v1/images/sunrise")
    etag = first["ETag"]
    assert "public" in first["Cache-Control"]
    assert client.get("/api/v1/images/sunrise", headers={"If-None-Match": etag}).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        make_image(slug="another")  # a change elsewhere: this answer is the same
    assert client.get("/api/v1/images/sunrise", headers={"If-None-Match": etag}).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        ImageCaption.objects.get(slug="sunrise").spacecraft.clear()
    again = client.get("/api/v1/images/sunrise", headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_any_site_may_read_the_api_from_a_browser(client, archive):
    response = get(client, "/api/v1/images", headers={"Origin": "https://museum.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/images",
        headers={"Origin": "https://museum.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    # The public pages are not opened to other sites.
    assert "Access-Control-Allow-Origin" not in client.get("/en/")


def test_anonymous_clients_are_limited_per_address(client, archive, settings):
    settings.API_ANON_RATE = "3/m"
    for _ in range(3):
        assert get(client, "/api/v1/missions").status_code == 200
    limited = get(client, "/api/v1/missions")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    # Writing another address in X-Forwarded-For does not help (no trusted proxy here)...
    spoofed = get(client, "/api/v1/missions", headers={"X-Forwarded-For": "203.0.113.9"})
    assert spoofed.status_code == 429
    # ...but another client is not held back.
    assert get(client, "/api/v1/missions", REMOTE_ADDR="198.51.100.7").status_code == 200


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/api/v1/images?limit=100", 8),
        ("/api/v1/images?mission=proxima&limit=100", 8),
        ("/api/v1/missions", 5),
        ("/api/v1/missions/proxima", 12),
        ("/api/v1/astronauts/thomas-pesquet", 7),
        ("/api/v1/spacecraft/soyuz", 7),
    ],
)
def test_queries_do_not_grow_with_the_archive(
    client, archive, django_assert_max_num_queries, path, queries
):
    for size in (2, 12):
        for _ in range(size):
            thomas = make_astronaut()
            add_crew(archive, thomas)
            make_image(mission=archive, photographer=thomas)
            make_mission().spacecraft.add(*archive.spacecraft.all())
        with django_assert_max_num_queries(queries):
            assert client.get(path).status_code == 200


def test_the_openapi_description_and_its_docs_are_served(client, db):
    description = get(client, "/api/v1/openapi.json").json()
    assert description["openapi"].startswith("3.")
    assert "/api/v1/images" in description["paths"]
    parameters = {
        parameter["name"]
        for parameter in description["paths"]["/api/v1/images"]["get"]["parameters"]
    }
    assert {
        "q",
        "mission",
        "photographer",
        "spacecraft",
        "year",
        "sort",
        "cursor",
        "limit",
    } <= parameters
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"swagger-ui-bundle.js" in docs.content
    assert b"https://cdn" not in docs.content  # served from here, within the CSP


def test_a_mission_without_public_images_offers_no_manifest(client, archive):
    make_mission(slug="empty")
    make_image(mission=Mission.objects.get(slug="empty"), is_published=False)
    empty = get(client, "/api/v1/missions/empty").json()
    assert empty["image_count"] == 0
    assert empty["iiif_manifest"] is None
    assert client.get("/iiif/missions/empty/manifest.json").status_code == 404


@pytest.fixture
def story(archive):
    """Proxima told as the seeds tell a mission: agencies, places, a timeline, figures."""
    esa = Agency.objects.create(
        slug="esa", short_name="ESA", name_en="European Space Agency", is_published=True
    )
    secret = Agency.objects.create(slug="secret-agency", short_name="SA", name_en="Secret")
    baikonur = Place.objects.create(
        slug="baikonur",
        name_en="Baikonur Cosmodrome",
        name_fr="Cosmodrome de Baïkonour",
        kind=Place.Kind.LAUNCH_SITE,
        country="KZ",
        is_published=True,
    )
    archive.launch_place = baikonur
    archive.save()
    archive.partners.add(esa, secret)
    launch = MissionEvent.objects.create(
        mission=archive, kind="launch", date=date(2016, 11, 17), label_en="Launch"
    )
    launch.images.add(
        ImageCaption.objects.get(slug="sunrise"), ImageCaption.objects.get(slug="draft")
    )
    MissionEvent.objects.create(
        mission=archive,
        kind="landing",
        date=date(2017, 6, 2),
        label_en="Landing",
        label_fr="Atterrissage",
    )
    MissionFigure.objects.create(mission=archive, value=50, label_en="experiments")
    experiment = Experiment.objects.create(
        slug="echo",
        name_en="Echo",
        field="human_research",
        leading_agency=secret,
        is_published=True,
    )
    experiment.missions.add(archive)
    RelatedLink.objects.create(mission=archive, label_en="Mission site", url="https://example.org/")
    agreement = Agreement.objects.create(
        slug="soyuz-kourou",
        title_en="Soyuz at Europe's Spaceport",
        signed_on=date(2005, 1, 19),
        place=baikonur,
        is_published=True,
    )
    agreement.parties.add(esa, secret)
    thomas = Astronaut.objects.get(slug="thomas-pesquet")
    thomas.space_agency = esa
    thomas.save()
    return archive


def test_a_mission_tells_its_timeline_figures_partners_and_links(client, story):
    proxima = get(client, "/api/v1/missions/proxima").json()
    assert [event["kind"] for event in proxima["timeline"]] == ["launch", "landing"]
    assert proxima["timeline"][0]["images"] == ["sunrise"]  # not the draft that shows it too
    assert proxima["timeline"][1]["label"] == {"en": "Landing", "fr": "Atterrissage"}
    assert proxima["figures"] == [{"value": 50, "label": {"en": "experiments", "fr": None}}]
    assert [agency["slug"] for agency in proxima["partners"]] == ["esa"]
    assert proxima["experiments"][0]["leading_agency"] is None  # a draft agency is not named
    assert proxima["launch_place"]["slug"] == "baikonur"
    assert proxima["launch_site"] == {"en": "Baikonur Cosmodrome", "fr": "Cosmodrome de Baïkonour"}
    assert proxima["links"] == [
        {"label": {"en": "Mission site", "fr": None}, "url": "https://example.org/"}
    ]
    thomas = get(client, "/api/v1/astronauts/thomas-pesquet").json()
    assert thomas["agency_record"]["slug"] == "esa"
    assert thomas["agency"] == "ESA"


def test_agencies_and_places_without_drafts(client, story):
    agencies = get(client, "/api/v1/agencies").json()
    assert [agency["slug"] for agency in agencies["results"]] == ["esa"]
    assert get(client, "/api/v1/agencies/secret-agency").status_code == 404
    esa = get(client, "/api/v1/agencies/esa").json()
    assert [person["slug"] for person in esa["astronauts"]] == ["thomas-pesquet"]
    assert [mission["slug"] for mission in esa["missions"]] == ["proxima"]
    assert [party["slug"] for party in esa["agreements"][0]["parties"]] == ["esa"]
    baikonur = get(client, "/api/v1/places/baikonur").json()
    assert baikonur["name"]["fr"] == "Cosmodrome de Baïkonour"
    assert [mission["slug"] for mission in baikonur["launches"]] == ["proxima"]
    assert baikonur["agreements"][0]["signed_on"] == "2005-01-19"


@pytest.mark.parametrize(
    ("path", "queries"), [("/api/v1/agencies/esa", 8), ("/api/v1/places/baikonur", 7)]
)
def test_agency_and_place_queries_do_not_grow(
    client, story, django_assert_max_num_queries, path, queries
):
    esa = Agency.objects.get(slug="esa")
    for size in (2, 8):
        for _ in range(size):
            mission = make_mission(launch_place=Place.objects.get(slug="baikonur"))
            mission.partners.add(esa)
            make_astronaut(space_agency=esa)
            signed = Agreement.objects.create(
                slug=f"agreement-{mission.pk}",
                title_en="An agreement",
                signed_on=date(2005, 1, 19),
                place=Place.objects.get(slug="baikonur"),
                is_published=True,
            )
            signed.parties.add(esa)
        with django_assert_max_num_queries(queries):
            assert client.get(path).status_code == 200


def _cursor(data):
    import base64

    raw = data.encode() if isinstance(data, str) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


INFINITE_KEY = '{"o":"liked","k":[Infinity,1]}'  # a key that overflows an integer
HUGE_ID = '{"o":"liked","k":[1,1e400]}'


@pytest.mark.parametrize(
    "query",
    [
        "sort=liked&cursor=" + _cursor(INFINITE_KEY),
        "sort=liked&cursor=" + _cursor(HUGE_ID),
        "cursor=" + _cursor("[" * 1200),  # nested past Python's recursion limit
        "q=caption&cursor=" + _cursor({"o": "relevance", "n": 2**63}),  # past any OFFSET
    ],
)
def test_cursors_we_never_issued_get_a_400(client, db, query):
    make_image(caption_en="A caption.")
    response = get(client, f"/api/v1/images?{query}")
    assert response.status_code == 400, response.content[:300]


def test_an_image_whose_rendition_went_missing_lists_the_others(client, archive):
    image = ImageCaption.objects.get(slug="sunrise")
    image.image.storage.delete(image.renditions["webp_640"])
    response = get(client, "/api/v1/images/sunrise")
    assert response.status_code == 200
    widths = {(file["format"], file["width"]) for file in response.json()["renditions"]}
    assert ("image/webp", 640) not in widths and ("image/webp", 320) in widths
