"""A visitor's search text, read once into what both backends, names and snippets need.

Any text is a valid search: words are runs of letters and digits (``words.WORD``), so no
punctuation, operator or NUL of either database's search syntax gets through. Text between
double quotes (``"…"``, ``“…”`` or ``«…»``) is a phrase: its words must follow each other. A
quote left open is read as plain words. At most :data:`MAX_WORDS` words are searched.

Each language reads the query with its own stemmer: ``lune`` is searched as "lun" in French
texts and as "lune" in English ones. An image matches when its texts in one language match
that language's reading of every term (see ``missions.search``).
"""

import unicodedata
from dataclasses import dataclass
from functools import cached_property

from .words import LANGUAGES, WORD, fold, phrase_terms, term

MAX_WORDS = 8
MAX_LENGTH = 1000  # characters read of a search; a longer text is cut (its words beyond 8 are)
_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})


@dataclass(frozen=True)
class SearchQuery:
    """``terms``: tuples of folded words, one word or a phrase, at most 8 words in all."""

    text: str
    terms: tuple
    truncated: bool = False

    @cached_property
    def words(self):
        """Every folded word of the query, phrases' words included, in order."""
        return tuple(word for phrase in self.terms for word in phrase)

    def reading(self, language, terms=None):
        """The terms (of ``terms``, default all) that count in ``language``.

        A word alone is left out when it is a stop word of either language: ``the`` would
        otherwise be searched in the French texts, and ``de`` in the English ones, and a visitor
        who typed "the" would be shown the images with "thé". A phrase keeps its stop words
        (they stand between its other words) unless they are all it has in ``language``.
        """
        kept = []
        for phrase in self.terms if terms is None else terms:
            codes = LANGUAGES if len(phrase) == 1 else (language,)
            if all(term(phrase[0], code) is not None for code in codes) or any(
                term(word, language) is not None for word in phrase[1:]
            ):
                kept.append(phrase)
        return tuple(kept)

    def readings(self, terms=None):
        """``{language: reading}``, for the languages where something is left to look for."""
        readings = {language: self.reading(language, terms) for language in LANGUAGES}
        return {language: terms for language, terms in readings.items() if terms}

    @property
    def only_common_words(self):
        """There are words, but each language leaves all of them out (``the``, ``de la``)."""
        return bool(self.terms) and not self.readings()

    def stems(self, language):
        """The terms of ``language``'s reading, as that language indexes them (for snippets)."""
        return {
            stem for phrase in self.reading(language) for stem in phrase_terms(phrase, language)
        }


def parse(text):
    """Read a visitor's search text (any string) into a :class:`SearchQuery`."""
    text = text or ""
    truncated = bool(WORD.search(text[MAX_LENGTH:]))  # words were cut off with the text
    text = unicodedata.normalize("NFC", text[:MAX_LENGTH]).translate(_QUOTES)
    parts = text.split('"')
    if len(parts) % 2 == 0:  # a quote left open: what follows it is plain words
        parts[-2:] = [f"{parts[-2]} {parts[-1]}"]
    terms, count = [], 0
    for number, part in enumerate(parts):
        words = [fold(word) for word in WORD.findall(part)]
        quoted = number % 2 == 1 and len(words) > 1
        for phrase in [tuple(words)] if quoted else [(word,) for word in words]:
            if count + len(phrase) > MAX_WORDS:
                truncated = True
                phrase = phrase[: MAX_WORDS - count]
            if phrase and phrase not in terms:
                terms.append(phrase)
                count += len(phrase)
    return SearchQuery(text=" ".join(text.split()), terms=tuple(terms), truncated=truncated)
