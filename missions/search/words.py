"""Words of a search: how a visitor's text is split, and which indexed words each one finds.

Shared by both backends and by the matching of names, so that the three agree.
"""

import re
import unicodedata

MAX_WORDS = 8
# Longer words are cut: a prefix of a word still finds it, and PostgreSQL refuses lexemes over
# 2047 bytes.
MAX_WORD_LENGTH = 64

# Combining accents (U+0300–U+036F): SQLite's tokenizer drops them, the PostgreSQL index deletes
# them, so the words do without them too; what remains of "é" typed as "e" + accent is "e".
_COMBINING_ACCENTS = dict.fromkeys(range(0x300, 0x370))
# Letters and digits, in any script. Everything else (spaces, punctuation, quotes, "*", "_",
# NUL, emoji) separates words, as for SQLite's ``unicode61`` tokenizer, so no search syntax of
# either database can get into a query.
WORD = re.compile(r"[^\W_]+")


def search_words(text):
    """The words of ``text`` to search for: at most 8 distinct, each non-empty, letters and digits.

    >>> search_words("L'été à -Kourou* NEAR(soyuz) SOYUZ")
    ['L', 'été', 'à', 'Kourou', 'NEAR', 'soyuz']
    """
    text = unicodedata.normalize("NFC", text).translate(_COMBINING_ACCENTS)
    words = {}
    for match in WORD.finditer(text):
        word = match.group()[:MAX_WORD_LENGTH]
        words.setdefault(word.casefold(), word)
        if len(words) == MAX_WORDS:
            break
    return list(words.values())


def is_prefix(word):
    """Whether ``word`` finds the words it begins (``astro`` finds "astronaut"), or only itself.

    A single letter or digit finds only itself: as a prefix it would find nearly every image
    (``e``: 97,676 of 100,000 synthetic images), which took PostgreSQL half a second to read,
    and found nothing a visitor meant.
    """
    return len(word) > 1


def matches_word(text_word, word):
    """Whether an indexed word (folded) is found by a search word (folded)."""
    return text_word.startswith(word) if is_prefix(word) else text_word == word


def fold(text):
    """Lower case without accents: "Chrétien" → "chretien"."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
