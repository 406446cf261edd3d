"""Words of the archive's texts and of a visitor's search: how both are split, folded and stemmed.

One analysis for each language, the one PostgreSQL's ``esa_english`` and ``esa_french`` text
search configurations make (migration 0008): words are runs of letters and digits; case and
accents are folded first ("Éclairs" → "eclairs", "cœur" → "coeur"); a word of letters is then
dropped if it is a stop word of the language, else reduced to its stem by the Snowball stemmer
of the language ("eclairs" → "eclair", "dragons" → "dragon", "lancement" → "lanc"); a word with
a digit is kept as it is ("crs23", "2021"). One step is added for French, because folding
accents first hides the feminine of a past participle from the stemmer ("lancée" → "lancee" →
"lance", but "lancé" → "lanc"): a French word ending in "ee" or "ees" loses one "e" before it is
stemmed, so both give "lanc" (PostgreSQL makes the same change to French texts, migration 0008).
SQLite's index is written with this module's
:func:`index_text` (see ``sqlite.py``); PostgreSQL's with its own Snowball stemmers and the
``unaccent`` dictionary, which agree with it (the tests check both databases against one table).
Names of missions, photographers and spacecraft and the site-wide search are matched here too.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

from .stopwords import STOP_WORDS

# Each language's stemmer, by Snowball's name for it.
STEMMERS = {"en": Stemmer.Stemmer("english"), "fr": Stemmer.Stemmer("french")}
LANGUAGES = tuple(STEMMERS)

# Letters and digits, in any script. Everything else (spaces, punctuation, quotes, "*", "_",
# NUL, emoji) separates words, so no search syntax of either database reaches a query.
WORD = re.compile(r"[^\W_]+")
# Letters that are not a letter plus accents, folded as PostgreSQL's ``unaccent`` folds them.
_LIGATURES = str.maketrans(
    {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ħ": "h"}
)
_FEMININE = re.compile(r"ee(s?)$")
# PostgreSQL refuses longer words in a tsvector (2,047 bytes); nobody searches for one.
MAX_WORD_LENGTH = 64


def fold(text):
    """Lower case without accents: "Chrétien" → "chretien", "Œuvre" → "oeuvre"."""
    if text.isascii():  # most words: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(text):
    """The folded words of ``text``, in order."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=65536)
def term(word, language):
    """What a folded word is indexed and searched as in ``language``: its stem, itself if it has
    a digit, or ``None`` if it is a stop word of the language."""
    if not word.isalpha():
        return word[:MAX_WORD_LENGTH]
    if word in STOP_WORDS[language]:
        return None
    if language == "fr":
        word = french_form(word)
    return STEMMERS[language].stemWord(word)[:MAX_WORD_LENGTH]


def french_form(word):
    """A folded French word with a feminine participle's "ee" or "ees" ending made "e", "es"."""
    return _FEMININE.sub(r"e\1", word)


def phrase_terms(words, language):
    """The terms of folded ``words`` (a search term: a word or a phrase) in ``language``."""
    return [t for t in (term(word, language) for word in words) if t is not None]


def terms_of(text, language):
    """The terms of ``text`` in ``language``, in order, stop words left out."""
    return phrase_terms(words_of(text), language)


def index_text(language, text):
    """``text`` as SQLite's index stores it: its terms, separated by spaces."""
    return " ".join(terms_of(text or "", language))
