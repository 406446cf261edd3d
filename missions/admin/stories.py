"""The editors' interface for agencies, places, agreements and experiments. (A mission's
figures, timeline and links are edited on its own page: ``story_inlines.py``.)"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Agency, Agreement, Experiment, Place
from .archive import PublishableAdmin, bilingual
from .story_inlines import HTTPS_BY_DEFAULT

PUBLICATION = (_("Publication"), {"fields": ["is_published", "demo_content"]})


@admin.register(Agency)
class AgencyAdmin(PublishableAdmin):
    list_display = ["short_name", "name_en", "name_fr", "country", "is_published", "is_demo"]
    list_filter = ["is_published", "country", "is_demo"]
    search_fields = ["short_name", "name_en", "name_fr", "description_en", "description_fr"]
    prepopulated_fields = {"slug": ["short_name"]}
    formfield_overrides = HTTPS_BY_DEFAULT
    fieldsets = [
        (
            None,
            {"fields": [("short_name", "slug"), *bilingual("name"), ("country", "website")]},
        ),
        (_("Description"), {"fields": bilingual("description")}),
        PUBLICATION,
    ]


@admin.register(Place)
class PlaceAdmin(PublishableAdmin):
    list_display = ["name_en", "name_fr", "kind", "country", "is_published", "is_demo"]
    list_filter = ["is_published", "kind", "country", "is_demo"]
    search_fields = [
        "name_en",
        "name_fr",
        "region_en",
        "region_fr",
        "description_en",
        "description_fr",
    ]
    prepopulated_fields = {"slug": ["name_en"]}
    fieldsets = [
        (None, {"fields": [*bilingual("name"), "slug", ("kind", "country"), *bilingual("region")]}),
        (_("Description"), {"fields": bilingual("description")}),
        PUBLICATION,
    ]


@admin.register(Agreement)
class AgreementAdmin(PublishableAdmin):
    list_display = ["__str__", "signed_on", "place", "is_published", "is_demo"]
    list_filter = ["is_published", "parties", "is_demo"]
    list_select_related = ["place"]
    search_fields = [
        "title_en",
        "title_fr",
        "summary_en",
        "summary_fr",
        "parties__short_name",
        "parties__name_en",
        "parties__name_fr",
    ]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["parties", "place"]
    date_hierarchy = "signed_on"
    fieldsets = [
        (None, {"fields": [*bilingual("title"), "slug", ("signed_on", "place"), "parties"]}),
        (_("Summary"), {"fields": bilingual("summary")}),
        PUBLICATION,
    ]


@admin.register(Experiment)
class ExperimentAdmin(PublishableAdmin):
    list_display = ["__str__", "field", "leading_agency", "is_published", "is_demo"]
    list_filter = ["is_published", "field", "leading_agency", "missions", "is_demo"]
    list_select_related = ["leading_agency"]
    search_fields = ["name_en", "name_fr", "description_en", "description_fr"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["leading_agency", "missions"]
    fieldsets = [
        (None, {"fields": [*bilingual("name"), "slug", ("field", "leading_agency"), "missions"]}),
        (_("Description"), {"fields": bilingual("description")}),
        PUBLICATION,
    ]
