"""The few words around a match, with the matching words marked, for a card of search results.

Made in Python from the image's texts, the same way on both databases, with the analysis the
search used (``words.term``): a word is marked when its term is one the language's reading of
the query looks for, so "Dragons" marks "Dragon" and "lancée" marks "lancement". The snippet is
in the visitor's language when the search matched there, else in the other language (and says
which, for its ``lang`` attribute).
"""

from html import escape

from ..bilingual import LocalizedText, languages_in_order
from .words import WORD, fold, term

WIDTH = 160  # characters of text around the first match, about two lines of a card
BEFORE = 40  # of which before it


def snippet(image, query, language):
    """``LocalizedText`` of safe HTML (``<mark>`` around matches) from the caption or alt text
    of ``image`` in the first language, from ``language`` on, where the query matched; or
    ``None`` when the image matched by its title or a name only."""
    for code in languages_in_order(language):
        texts = (getattr(image, f"{field}_{code}") or "" for field in ("caption", "alt"))
        found = first_marked(texts, code, query.stems(code))
        if found:
            return found
    return None


def first_marked(texts, language, stems):
    """An excerpt of the first of ``texts`` (in ``language``) with a word whose term is one of
    ``stems``, marked (``LocalizedText`` of safe HTML); ``None`` if none has one."""
    for text in texts:
        marks = [m.span() for m in WORD.finditer(text) if term(fold(m.group()), language) in stems]
        if marks:
            return LocalizedText(excerpt(text, marks), language)
    return None


def excerpt(text, marks):
    """``text`` cut to :data:`WIDTH` characters around the first mark, at spaces, marked."""
    start = max(0, marks[0][0] - BEFORE)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + WIDTH)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    parts, position = ["…" if start else ""], start
    for begin, finish in marks:
        if begin < start or finish > end:
            continue
        parts.append(escape(text[position:begin]))
        parts.append(f"<mark>{escape(text[begin:finish])}</mark>")
        position = finish
    parts.append(escape(text[position:end]))
    parts.append("…" if end < len(text) else "")
    return "".join(parts)
