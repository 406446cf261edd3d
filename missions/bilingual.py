"""The one place that chooses between a field's English and French value.

Content that visitors read is stored in explicit ``<field>_en`` / ``<field>_fr`` columns. A page
shows the active language's value and falls back to the other language when the editor has not
written it yet; the returned text knows which language it is in, so a template can mark a fallback
with the right ``lang`` attribute.
"""

from django.conf import settings
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import get_language

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


class LocalizedText(str):
    """A string that remembers the language it is written in (``lang``)."""

    lang: str

    def __new__(cls, value, lang):
        text = super().__new__(cls, value)
        text.lang = lang
        return text


def active_language():
    """The active language reduced to one of ours (``fr-ca`` → ``fr``), English by default."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def languages_in_order(first=None):
    """Our languages with ``first`` (default: the active one) at the front."""
    first = first or active_language()
    return (first, *(code for code in LANGUAGE_CODES if code != first))


def pages(record):
    """``{code: path}``: ``record``'s public page in each of our languages."""
    found = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            found[code] = record.get_absolute_url()
    return found


def localized(obj, *fields, language=None):
    """``obj.<field>_<language>``, falling back to the other language; "" if both are empty.

    With several fields, each is tried in the active language before any in the other one
    (``localized(image, "alt", "caption")``: French alt, French caption, English alt, …).
    """
    for code in languages_in_order(language):
        for field in fields:
            value = getattr(obj, f"{field}_{code}", "") or ""
            if value.strip():
                return LocalizedText(value, code)
    return LocalizedText("", language or active_language())


def shown_title(image, language=None, words=8):
    """An image's title; for an image saved without one (before titles were required), the
    first words of its caption instead ("…" when cut), never its slug. ``""`` without either.
    """
    title = localized(image, "title", language=language)
    if title.strip():
        return title
    caption = localized(image, "caption", language=language)
    line = next((line.strip() for line in caption.splitlines() if line.strip()), "")
    return LocalizedText(Truncator(line).words(words, truncate="…"), caption.lang)


class BilingualMixin:
    """Gives models ``obj.tr("summary")`` for the active language with fallback."""

    def tr(self, field):
        return localized(self, field)
