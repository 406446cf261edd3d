"""The one helper that picks a field's English or French value, with fallback."""

from django.utils import translation

from missions.bilingual import localized
from missions.models import Mission


def mission(en="", fr=""):
    return Mission(summary_en=en, summary_fr=fr)


def test_active_language_value_is_chosen():
    with translation.override("fr"):
        assert localized(mission("Sunrise", "Lever"), "summary") == "Lever"
    with translation.override("en"):
        assert localized(mission("Sunrise", "Lever"), "summary") == "Sunrise"


def test_missing_language_falls_back_to_the_other_and_says_so():
    with translation.override("fr"):
        text = localized(mission(en="Sunrise"), "summary")
    assert (text, text.lang) == ("Sunrise", "en")
    with translation.override("en"):
        text = localized(mission(fr="Lever"), "summary")
    assert (text, text.lang) == ("Lever", "fr")


def test_blank_text_counts_as_missing():
    with translation.override("fr"):
        assert localized(mission(en="Sunrise", fr="   "), "summary").lang == "en"


def test_regional_variant_uses_its_base_language():
    with translation.override("fr-ca"):
        assert localized(mission("Sunrise", "Lever"), "summary") == "Lever"


def test_both_empty_gives_empty_text():
    assert localized(mission(), "summary") == ""


def test_models_offer_the_helper_as_tr():
    with translation.override("fr"):
        assert mission("Sunrise", "Lever").tr("summary") == "Lever"


def test_several_fields_try_the_active_language_first():
    from missions.models import ImageCaption

    image = ImageCaption(alt_en="Sunrise over the Pacific", caption_fr="Lever de soleil")
    with translation.override("fr"):
        text = localized(image, "alt", "caption")
    assert (text, text.lang) == ("Lever de soleil", "fr")
    with translation.override("en"):
        assert localized(image, "alt", "caption") == "Sunrise over the Pacific"
