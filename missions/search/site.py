"""The site-wide search (the header's box): missions, astronauts, spacecraft and videos by their
names (titles) and texts — a video's subtitles too — grouped by kind; the images come from the
image search.

There are hundreds of these records, not hundreds of thousands, so they are matched in Python
with the image search's own analysis (``words.py``, ``query.py``): the same stems, stop words
and phrases, the same on both databases. Their terms are worked out once per content version
and kept by each process (``ANALYSED``); a search then only compares lists of terms.
"""

from dataclasses import dataclass

from ..bilingual import LocalizedText, localized
from ..caching import VersionMemo
from ..models import Astronaut, Mission, Spacecraft, Video
from .snippets import first_marked
from .words import LANGUAGES, phrase_terms, terms_of

KINDS = ("missions", "astronauts", "spacecraft", "videos")


@dataclass(frozen=True)
class Record:
    """One published record, its texts and their terms in each language."""

    kind: str
    pk: int
    name: dict  # {language: name shown}
    texts: dict  # {language: [texts searched, name first]}
    terms: dict  # {language: [terms of each text]}
    obj: object  # the record itself, for its URL (in the language of the page)


@dataclass(frozen=True)
class Hit:
    record: Record
    name: str
    snippet: LocalizedText  # safe HTML with <mark>s, or None when only the name matched
    by_name: bool


def search_site(query, language, kinds=KINDS):
    """``{kind: [Hit, …]}`` of the records (of ``kinds``) that match every term of one
    language's reading, those whose name matches first, then by name."""
    found = {kind: [] for kind in kinds}
    readings = query.readings()
    if not readings:
        return found
    for record in ANALYSED.get():
        if record.kind not in found:
            continue
        matched = [code for code in readings if _matches(record, code, readings[code])]
        if not matched:
            continue
        shown = language if language in matched else matched[0]
        stems = query.stems(shown)
        by_name = any(stem in record.terms[shown][0] for stem in stems)
        found[record.kind].append(
            Hit(
                record,
                record.name[language],
                first_marked(record.texts[shown][1:], shown, stems),
                by_name,
            )
        )
    for hits in found.values():
        hits.sort(key=lambda hit: (not hit.by_name, hit.name.casefold()))
    return found


def _matches(record, language, terms):
    """Whether one text of the record has each term (a phrase's words one after the other)."""
    for phrase in terms:
        stems = phrase_terms(phrase, language)
        size = len(stems)
        if not any(
            stems == text[start : start + size]
            for text in record.terms[language]
            for start in range(len(text) - size + 1)
        ):
            return False
    return True


def _records():
    """Every published record with its terms (worked out once per content version)."""
    fields = {
        "missions": (Mission, ("summary", "destination", "launch_site")),
        "astronauts": (Astronaut, ("biography",)),
        "spacecraft": (Spacecraft, ("description",)),
    }
    for kind, (model, localized_fields) in fields.items():
        for record in model.objects.published().order_by("name"):
            names = {"en": record.name, "fr": getattr(record, "name_fr", "") or record.name}
            extra = {code: [getattr(record, "agency", "")] for code in LANGUAGES}
            if kind == "spacecraft":
                extra = {"en": [record.operator], "fr": [record.operator_fr or record.operator]}
            texts = {
                code: [
                    names[code],
                    *(getattr(record, f"{field}_{code}") for field in localized_fields),
                    *extra[code],
                ]
                for code in LANGUAGES
            }
            yield _record(kind, record, names, texts)
    for record in Video.objects.published().order_by("title_en", "title_fr"):
        names = {code: str(localized(record, "title", language=code)) for code in LANGUAGES}
        texts = {
            code: [
                names[code],
                getattr(record, f"description_{code}"),
                record.subtitle_words(code),
                getattr(record, f"credit_{code}"),
            ]
            for code in LANGUAGES
        }
        yield _record("videos", record, names, texts)


def _record(kind, record, names, texts):
    return Record(
        kind=kind,
        pk=record.pk,
        name=names,
        texts=texts,
        terms={code: [terms_of(text or "", code) for text in texts[code]] for code in LANGUAGES},
        obj=record,
    )


ANALYSED = VersionMemo(lambda: list(_records()))
