"""The seeds' stories on the public pages: a mission's timeline, figures, experiments, partners,
places and links; the pages of agencies and places; their sitemap sections. Drafts of any of
these records are never shown, linked or counted, and the pages' queries do not grow."""

import re
from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import translation

from missions.models import (
    Agency,
    Agreement,
    Experiment,
    MissionEvent,
    MissionFigure,
    Place,
    RelatedLink,
)
from tests.factories import (
    add_crew,
    make_astronaut,
    make_image,
    make_mission,
    make_spacecraft,
    new_video,
)

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"missions:{name}", kwargs=kwargs or None)


def page(client, name, language="en", **kwargs):
    response = client.get(url(name, language, **kwargs))
    assert response.status_code == 200
    return response.content.decode()


def make_agency(slug, **fields):
    values = {
        "short_name": slug.upper(),
        "name_en": f"{slug.upper()} agency",
        "name_fr": f"Agence {slug.upper()}",
        "slug": slug,
        "is_published": True,
    }
    values.update(fields)
    return Agency.objects.create(**values)


def make_place(slug, **fields):
    values = {
        "name_en": f"Place {slug}",
        "name_fr": f"Lieu {slug}",
        "slug": slug,
        "kind": Place.Kind.LAUNCH_SITE,
        "is_published": True,
    }
    values.update(fields)
    return Place.objects.create(**values)


def make_event(mission, day, label, at=None, **fields):
    values = {"kind": MissionEvent.Kind.OTHER, "label_fr": f"{label} (fr)"}
    values.update(fields)
    return MissionEvent.objects.create(mission=mission, date=day, time=at, label_en=label, **values)


@pytest.fixture
def alpha(db):
    """Mission Alpha, told with its timeline, figures, experiments, partners, places and links,
    each beside a draft that must not show."""
    esa = make_agency(
        "esa",
        name_en="European Space Agency",
        name_fr="Agence spatiale européenne",
        website="https://www.esa.int/",
        description_en="Europe's gateway to space.",
        description_fr="La porte de l'Europe vers l'espace.",
    )
    cnes = make_agency("cnes", name_fr="", country="FR")  # no French name: falls back
    secret_agency = make_agency("zorbagency", short_name="ZORBAGENCY", is_published=False)
    kourou = make_place(
        "kourou",
        name_en="Guiana Space Centre",
        name_fr="Centre spatial guyanais",
        country="FR",
        region_en="French Guiana",
        region_fr="Guyane",
    )
    cologne = make_place(
        "cologne", name_fr="", kind=Place.Kind.TRAINING_CENTRE, country="DE"
    )  # French falls back to "Place cologne"
    mission = make_mission(name="Alpha", slug="alpha", launch_place=kourou, training_place=cologne)
    mission.partners.add(esa, cnes, secret_agency)
    thomas = make_astronaut(name="Thomas Pesquet", slug="thomas-pesquet", space_agency=esa)
    add_crew(mission, thomas)
    launch = make_event(
        mission,
        date(2021, 4, 23),
        "Launch",
        at=time(9, 49),
        kind=MissionEvent.Kind.LAUNCH,
        label_fr="Lancement",
        description_en="Lift-off from Florida.",
        description_fr="Décollage depuis la Floride.",
    )
    docking = make_event(
        mission,
        date(2021, 4, 24),
        "Docking",
        at=time(9, 8),
        kind=MissionEvent.Kind.DOCKING,
        label_fr="",  # no French label: falls back to English
    )
    eve = make_event(mission, date(2021, 4, 23), "Eve of launch", label_fr="Veille du lancement")
    shown = make_image(mission=mission, slug="liftoff", title_en="Lift-off")
    hidden = make_image(mission=mission, slug="zorbimage", title_en="Zorbimage", is_published=False)
    launch.images.add(shown, hidden)
    MissionFigure.objects.create(
        mission=mission, value=1200, label_en="experiments planned", label_fr="expériences prévues"
    )
    MissionFigure.objects.create(mission=mission, value=40, label_en="European ones", position=1)
    Experiment.objects.create(
        name_en="Cardiac study",
        name_fr="Étude cardiaque",
        slug="cardiac",
        field=Experiment.Field.HUMAN_RESEARCH,
        leading_agency=cnes,
        is_published=True,
    ).missions.add(mission)
    Experiment.objects.create(
        name_en="Plant growth",
        slug="plants",
        field=Experiment.Field.LIFE_SCIENCES,
        leading_agency=secret_agency,
        is_published=True,
    ).missions.add(mission)
    Experiment.objects.create(
        name_en="Zorbexperiment", slug="zorbexperiment", field="technology", is_published=False
    ).missions.add(mission)
    RelatedLink.objects.create(
        mission=mission, label_en="Mission blog", label_fr="Blog", url="https://blogs.esa.int/"
    )
    RelatedLink.objects.create(
        astronaut=thomas, label_en="Thomas on social media", url="https://example.org/thomas"
    )
    agreement = Agreement.objects.create(
        title_en="Launch services",
        title_fr="Services de lancement",
        slug="launch-services",
        signed_on=date(2019, 3, 14),
        place=kourou,
        is_published=True,
    )
    agreement.parties.add(esa, cnes, secret_agency)
    Agreement.objects.create(
        title_en="Zorbagreement", slug="zorbagreement", signed_on=date(2020, 1, 1)
    ).parties.add(esa)
    return {
        "mission": mission,
        "esa": esa,
        "cnes": cnes,
        "kourou": kourou,
        "cologne": cologne,
        "events": (eve, launch, docking),
        "image": shown,
        "astronaut": thomas,
    }


SECRETS = ("Zorb", "zorb")


def test_timeline_lists_events_by_date_then_time_with_their_public_images(client, alpha):
    text = page(client, "mission", slug="alpha")
    assert '<h2 id="timeline-heading">Timeline</h2>' in text
    timeline = text[text.index('id="timeline-heading"') :]
    positions = [timeline.index(label) for label in ("Eve of launch", "Launch", "Docking")]
    assert positions == sorted(positions)  # the undated-hour eve first, then 09:49, then the 24th
    assert '<time datetime="2021-04-23">23 April 2021</time>' in timeline
    assert '<time datetime="2021-04-23T09:49Z">23 April 2021, 09:49 UTC</time>' in timeline
    assert '<time datetime="2021-04-24T09:08Z">' in timeline
    assert "Lift-off from Florida." in timeline
    assert "Launch" in timeline and "Docking" in timeline
    assert f'href="{alpha["image"].get_absolute_url()}"' in timeline
    assert not any(secret in text for secret in SECRETS)


def test_timeline_shows_the_public_videos_of_an_event_and_not_the_drafts(client, alpha, jobs):
    mission = alpha["mission"]
    film = new_video(jobs, slug="liftoff-film", title_en="Lift-off film", mission=mission)
    draft = new_video(jobs, slug="zorbfilm", title_en="Zorbfilm", is_published=False)
    waiting = new_video(jobs, run=False, slug="zorbwaiting", title_en="Zorbwaiting")
    alpha["events"][1].videos.add(film, draft, waiting)
    text = page(client, "mission", slug="alpha")
    timeline = text[text.index('id="timeline-heading"') :]
    assert f'href="{film.get_absolute_url()}"' in timeline
    assert 'alt="Lift-off film"' in timeline
    assert not any(secret in text for secret in SECRETS)


def test_french_mission_page_shows_french_text_and_marks_english_fallback(client, alpha):
    text = page(client, "mission", "fr", slug="alpha")
    timeline = text[text.index('id="timeline-heading"') :]
    assert "Lancement" in timeline
    assert "Décollage depuis la Floride." in timeline
    assert '<time datetime="2021-04-23T09:49Z">23 avril 2021, 09:49 UTC</time>' in timeline
    assert '<span lang="en">Docking</span>' in timeline
    assert "expériences prévues" in text
    assert '<span lang="en">European ones</span>' in text
    assert "Étude cardiaque" in text
    assert "Centre spatial guyanais" in text
    assert '<span lang="en">Place cologne</span>' in text
    assert "Blog" in text


def test_mission_page_shows_figures_experiments_partners_places_and_links(client, alpha):
    text = page(client, "mission", slug="alpha")
    assert '<h2 id="experiments-heading">Experiments</h2>' in text
    assert "1,200" in text and "experiments planned" in text
    assert "40" in text and "European ones" in text
    assert "Cardiac study" in text and "Human research" in text
    assert f'<a href="{alpha["cnes"].get_absolute_url()}">CNES</a>' in text  # leads it
    assert "Plant growth" in text  # its leading agency is a draft: not named
    partners = re.search(r"<dt>Partners</dt><dd>(.*?)</dd>", text).group(1)
    assert f'href="{alpha["esa"].get_absolute_url()}"' in partners
    assert f'href="{alpha["cnes"].get_absolute_url()}"' in partners
    assert f'<a href="{alpha["kourou"].get_absolute_url()}">Guiana Space Centre</a>' in text
    assert f'<a href="{alpha["cologne"].get_absolute_url()}">Place cologne</a>' in text
    assert '<h2 id="links-heading">More information</h2>' in text
    assert '<a href="https://blogs.esa.int/" rel="external">Mission blog</a>' in text
    assert not any(secret in text for secret in SECRETS)


def test_mission_with_a_draft_launch_place_shows_its_text_unlinked(client, alpha):
    kourou = alpha["kourou"]
    kourou.is_published = False
    kourou.save()
    text = page(client, "mission", slug="alpha")
    assert "<dd>Guiana Space Centre</dd>" in text
    assert kourou.get_absolute_url() not in text


def test_mission_without_stories_has_no_empty_sections(client, db):
    make_mission(slug="plain", launch_site_en="Baikonur")
    text = page(client, "mission", slug="plain")
    assert "<dd>Baikonur</dd>" in text
    for heading in ("timeline-heading", "experiments-heading", "links-heading"):
        assert heading not in text


def test_astronaut_and_spacecraft_pages_link_their_agency_and_more_information(client, alpha):
    text = page(client, "astronaut", slug="thomas-pesquet")
    assert f'<a href="{alpha["esa"].get_absolute_url()}">ESA</a>' in text
    assert '<a href="https://example.org/thomas" rel="external">' in text
    make_spacecraft(slug="ariane", operated_by=alpha["esa"])
    RelatedLink.objects.create(
        spacecraft=make_spacecraft(
            slug="vega", operated_by=make_agency("zorbop", is_published=False)
        ),
        label_en="Vega user manual",
        url="https://example.org/vega",
    )
    ariane = page(client, "spacecraft", slug="ariane")
    assert f'<a href="{alpha["esa"].get_absolute_url()}">European Space Agency</a>' in ariane
    vega = page(client, "spacecraft", slug="vega")
    assert "/zorbop/" not in vega
    assert "Vega user manual" in vega


def test_a_draft_agency_stays_private_until_it_is_published(client, alpha):
    hidden = make_agency("hidden", is_published=False)
    make_astronaut(slug="quiet", agency="CNES", space_agency=hidden)
    text = page(client, "astronaut", slug="quiet")
    assert "<dd>CNES</dd>" in text  # the astronaut's own words, not the draft's name
    assert "HIDDEN" not in text
    assert "/hidden/" not in text
    hidden.is_published = True
    hidden.save()
    text = page(client, "astronaut", slug="quiet")
    assert f'<a href="{hidden.get_absolute_url()}">HIDDEN</a>' in text


def test_the_admins_bulk_publish_lends_the_names_as_a_save_does(client, editor_client, db):
    """Published from the list's action, an agency names its astronauts and spacecraft, and a
    place the missions launched from it, as when published from its form."""
    hidden = make_agency("hidden", is_published=False)
    astronaut = make_astronaut(slug="quiet", agency="", space_agency=hidden)
    craft = make_spacecraft(slug="craft", operator="", operated_by=hidden)
    pad = make_place("pad", is_published=False)
    mission = make_mission(slug="launched", launch_site_en="", launch_place=pad)
    for model, record in (("agency", hidden), ("place", pad)):
        response = editor_client.post(
            reverse(f"admin:missions_{model}_changelist"),
            {"action": "publish", "_selected_action": [record.pk]},
        )
        assert response.status_code == 302
    astronaut.refresh_from_db()
    craft.refresh_from_db()
    mission.refresh_from_db()
    assert astronaut.agency == "HIDDEN"
    assert (craft.operator, craft.operator_fr) == ("HIDDEN agency", "Agence HIDDEN")
    assert (mission.launch_site_en, mission.launch_site_fr) == ("Place pad", "Lieu pad")


def test_agency_page_shows_its_people_craft_missions_experiments_and_agreements(client, alpha):
    make_spacecraft(name="Ariane 6", slug="ariane-6", operated_by=alpha["esa"])
    make_spacecraft(
        name="Zorbcraft", slug="zorbcraft", operated_by=alpha["esa"], is_published=False
    )
    make_astronaut(
        name="Zorbonaut", slug="zorbonaut", space_agency=alpha["esa"], is_published=False
    )
    make_mission(name="Zorbmission", slug="zorbmission", is_published=False).partners.add(
        alpha["esa"]
    )
    text = page(client, "agency", slug="esa")
    assert "<h1>European Space Agency</h1>" in text
    assert '<a href="https://www.esa.int/" rel="external">' in text
    assert "International organisation" in text
    assert "Europe&#x27;s gateway to space." in text
    assert f'href="{alpha["astronaut"].get_absolute_url()}"' in text
    assert ">Ariane 6</a>" in text
    assert f'href="{alpha["mission"].get_absolute_url()}"' in text
    assert "Launch services" in text
    assert '<time datetime="2019-03-14">14 March 2019</time>' in text
    assert f'<a href="{alpha["cnes"].get_absolute_url()}">CNES</a>' in text  # the other party
    assert f'<a href="{alpha["kourou"].get_absolute_url()}">Guiana Space Centre</a>' in text
    assert not any(secret in text for secret in SECRETS)
    cnes = page(client, "agency", slug="cnes")
    assert "Experiments it leads" in cnes and "Cardiac study" in cnes
    assert "France" in cnes


def test_french_agency_page_falls_back_to_the_english_name_marked(client, alpha):
    assert "<h1>Agence spatiale européenne</h1>" in page(client, "agency", "fr", slug="esa")
    assert '<h1><span lang="en">CNES agency</span></h1>' in page(
        client, "agency", "fr", slug="cnes"
    )
    text = page(client, "agency", "fr", slug="esa")
    assert "14 mars 2019" in text
    assert "Services de lancement" in text


def test_place_page_shows_its_missions_images_and_agreements(client, alpha):
    make_mission(
        name="Zorbmission", slug="zorbmission", launch_place=alpha["kourou"], is_published=False
    )
    text = page(client, "place", slug="kourou")
    assert "<h1>Guiana Space Centre</h1>" in text
    assert "Launch site" in text and "France" in text and "French Guiana" in text
    launches = text[text.index('id="launches-heading"') :]
    assert f'href="{alpha["mission"].get_absolute_url()}"' in launches
    images = text[text.index('id="images-heading"') :]
    assert f'href="{alpha["image"].get_absolute_url()}"' in images
    assert "?mission=alpha" in images
    assert "Launch services" in text
    assert not any(secret in text for secret in SECRETS)
    cologne = page(client, "place", slug="cologne")
    assert 'id="trainings-heading"' in cologne
    assert f'href="{alpha["mission"].get_absolute_url()}"' in cologne


def test_french_place_page(client, alpha):
    text = page(client, "place", "fr", slug="kourou")
    assert "<h1>Centre spatial guyanais</h1>" in text and "Guyane" in text
    assert '<h1><span lang="en">Place cologne</span></h1>' in page(
        client, "place", "fr", slug="cologne"
    )


def test_draft_agencies_and_places_are_404_for_visitors_and_previews_for_editors(
    client, editor, db
):
    from django.contrib.auth.models import Permission

    agency = make_agency("draft-agency", is_published=False)
    place = make_place("draft-place", is_published=False)
    for record in (agency, place):
        assert client.get(record.get_absolute_url()).status_code == 404
    assert client.get(url("agency", slug="no-such-agency")).status_code == 404
    assert client.get(url("place", slug="no-such-place")).status_code == 404
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_agency", "view_place"])
    )
    client.force_login(editor)
    for record in (agency, place):
        response = client.get(record.get_absolute_url())
        assert response.status_code == 200
        assert "Draft: only editors can see this page." in response.content.decode()


def test_list_pages_show_published_agencies_and_places(client, alpha):
    make_agency("zorbagency2", is_published=False)
    make_place("zorbplace", is_published=False)
    for language in ("en", "fr"):
        agencies = page(client, "agency-list", language)
        assert f'href="{url("agency", language, slug="esa")}"' in agencies
        places = page(client, "place-list", language)
        assert f'href="{url("place", language, slug="kourou")}"' in places
        assert not any(secret in agencies + places for secret in SECRETS)


def sitemap(client):
    index = client.get("/sitemap.xml").content.decode()
    return "".join(
        client.get(location.removeprefix("http://testserver")).content.decode()
        for location in re.findall(r"<loc>([^<]+)</loc>", index)
    )


def test_sitemap_lists_agency_and_place_pages_in_both_languages_without_drafts(client, alpha):
    make_agency("zorbagency2", is_published=False)
    make_place("zorbplace", is_published=False)
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-agencies.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-places.xml</loc>" in index
    xml = sitemap(client)
    for name, slug in (("agency", "esa"), ("place", "kourou")):
        for language in ("en", "fr"):
            assert f"<loc>http://testserver{url(name, language, slug=slug)}</loc>" in xml
    assert "zorb" not in xml


def test_french_urls_use_french_words_for_agencies_and_places(db):
    """Fails until the French catalogue has the URL words (``pgettext("URL", …)``)."""
    assert url("agency", "fr", slug="esa") == "/fr/agences/esa/"
    assert url("place", "fr", slug="kourou") == "/fr/lieux/kourou/"
    assert url("agency-list", "fr") == "/fr/agences/"
    assert url("place-list", "fr") == "/fr/lieux/"


def grow(alpha, size):
    """Up to ``size`` of each kind of story record around Alpha, ESA and Kourou."""
    mission, esa, kourou = alpha["mission"], alpha["esa"], alpha["kourou"]
    grown = RelatedLink.objects.filter(mission=mission, label_en__startswith="Link ").count()
    for n in range(grown, size):
        tag = f"{n}"
        event = make_event(mission, date(2021, 5, 1 + n), f"Event {tag}", at=time(10, n))
        event.images.add(make_image(mission=mission, slug=f"event-image-{tag}"))
        RelatedLink.objects.create(
            mission=mission, label_en=f"Link {tag}", url="https://a.example/"
        )
        MissionFigure.objects.create(mission=mission, value=n, label_en=f"Figure {tag}")
        lead = make_agency(f"lead-{tag}")
        mission.partners.add(lead)
        Experiment.objects.create(
            name_en=f"Experiment {tag}",
            slug=f"experiment-{tag}",
            field="technology",
            leading_agency=esa,
            is_published=True,
        ).missions.add(mission)
        make_astronaut(slug=f"member-{tag}", space_agency=esa)
        make_spacecraft(slug=f"craft-{tag}", operated_by=esa)
        other = make_mission(slug=f"launched-{tag}", launch_place=kourou, training_place=kourou)
        other.partners.add(esa)
        make_image(mission=other, slug=f"launched-image-{tag}")
        agreement = Agreement.objects.create(
            title_en=f"Agreement {tag}",
            slug=f"agreement-{tag}",
            signed_on=date(2020, 1, 1 + n),
            place=kourou,
            is_published=True,
        )
        agreement.parties.add(esa, lead)


@pytest.mark.parametrize(
    "name,slug", [("mission", "alpha"), ("agency", "esa"), ("place", "kourou")]
)
def test_story_pages_queries_do_not_grow_with_items(
    client, alpha, django_assert_max_num_queries, name, slug
):
    counts = []
    for size in (2, 8):
        grow(alpha, size)
        with django_assert_max_num_queries(25) as captured:
            assert client.get(url(name, slug=slug)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_a_crawl_of_the_site_with_stories_finds_no_draft(client, alpha):
    """Every page a visitor reaches from the home pages and the sitemap: no draft agency,
    place, experiment, agreement, image or video is named or linked."""
    from collections import deque

    from tests.test_drafts_never_leak import linked

    make_place("zorbplace", is_published=False)
    queue = deque(["/en/", "/fr/", "/sitemap.xml", url("agency-list"), url("place-list", "fr")])
    seen, pages = set(queue), 0
    while queue:
        path = queue.popleft()
        if path.startswith(("/admin/", "/media/", "/api/", "/iiif/")):
            continue
        response = client.get(path)
        if response.status_code != 200 or response.streaming:
            continue
        pages += 1
        text = response.content.decode()
        assert not any(secret in text for secret in SECRETS), path
        for found in linked(text, path) - seen:
            seen.add(found)
            queue.append(found)
    assert url("agency", slug="cnes") in seen
    assert url("place", "fr", slug="cologne") in seen
    assert pages > 20
