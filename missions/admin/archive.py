"""The editors' interface for missions, astronauts, spacecraft and images (and bulk uploads)."""

from copy import copy

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from .. import scheduling
from ..bulk_upload import BulkUploadForm, batch_report, stage
from ..caching import content_changed
from ..facets import recount_missions_of
from ..models import (
    Astronaut,
    CrewMember,
    ImageCaption,
    ImageNotStored,
    Mission,
    Spacecraft,
    UploadBatch,
)
from .caption_desk import PER_PAGE, NeedsCaptionFilter, desk_view
from .caption_desk import URL_NAME as CAPTION_DESK
from .focal_point import DESCRIPTION as FOCAL_POINT_HELP
from .focal_point import focal_picker
from .form_errors import ErrorsAtFieldsMixin
from .image_form import ImageCaptionForm, ImageChecksMixin
from .kept_uploads import KeptUploadAdminMixin
from .page_preview import PagePreviewMixin
from .revisions import RevisionsMixin
from .site_time import SiteTimeMixin, local_time, zone_city
from .story_inlines import MissionEventInline, MissionFigureInline, RelatedLinkInline
from .thumbnails import thumbnail
from .translation_status import TranslationStatusMixin

admin.site.site_header = _("ESA Archive editors")
admin.site.site_title = _("ESA Archive")
admin.site.index_title = _("Missions, people, spacecraft and images")


def bilingual(*fields):
    """Form rows that put each field's English and French versions on one line."""
    return tuple((f"{field}_en", f"{field}_fr") for field in fields)


def published_label(model):
    """The "published" field's label as the admin's history stores labels (untranslated; the
    history page translates it for each reader)."""
    with translation.override(None):
        return str(model._meta.get_field("is_published").verbose_name)


class ForgivingChangeList(ChangeList):
    """A change list that refuses impossible dates and NUL characters as Django refuses other
    bad filters (the list without them, and "?e=1"), instead of failing: a year of 20 digits
    overflows, year 9999 has no next year to end its range, PostgreSQL refuses NUL."""

    def get_filters(self, request):
        # PostgreSQL refuses a NUL character in any text it is given (a 500 before this).
        if any(
            "\x00" in value for values in self.get_filters_params().values() for value in values
        ):
            raise IncorrectLookupParameters("a NUL character in a filter")
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


SCHEDULE = ("publish_at", "unpublish_at")
DESK_PAGES = 20  # pages of the caption desk one selection may fill


class ScheduleFormMixin:
    """Mixed into every publishable admin form: "unpublish at" must come after "publish at"."""

    def clean(self):
        cleaned = super().clean()
        publish_at, unpublish_at = cleaned.get("publish_at"), cleaned.get("unpublish_at")
        if publish_at and unpublish_at and unpublish_at <= publish_at:
            self.add_error(
                "unpublish_at",
                ValidationError(
                    _("Unpublish after it is published: choose a time after “publish at”."),
                    code="unpublish_before_publish",
                ),
            )
        return cleaned


class ScheduledFilter(admin.SimpleListFilter):
    title = _("scheduled")
    parameter_name = "scheduled"

    def lookups(self, request, model_admin):
        return [
            ("publish", _("to be published")),
            ("unpublish", _("to be unpublished")),
            ("overdue", _("overdue")),
            ("no", _("nothing scheduled")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "publish":
            return queryset.filter(is_published=False, publish_at__isnull=False)
        if value == "unpublish":
            return queryset.filter(is_published=True, unpublish_at__isnull=False)
        if value == "overdue":
            limit = timezone.now() - scheduling.GRACE
            return queryset.filter(is_published=False, publish_at__lte=limit)
        if value == "no":
            return queryset.filter(publish_at=None, unpublish_at=None)
        return queryset


class PublishableAdmin(SiteTimeMixin, TranslationStatusMixin, PagePreviewMixin, RevisionsMixin):
    """Bulk publish / unpublish, and the demo-content marker, for every public model; its
    date-time fields (publish at, unpublish at) in the site's time zone, which they name; for
    the models of ``translation_status.GROUPS``, what is missing a translation."""

    actions = ["publish", "unpublish"]
    readonly_fields = ["demo_content"]

    def get_fieldsets(self, request, obj=None):
        """The fields "publish at" and "unpublish at" on the line after "published"."""
        fieldsets = super().get_fieldsets(request, obj)
        if any(SCHEDULE in options.get("fields", ()) for _name, options in fieldsets):
            return fieldsets
        placed = []
        for name, options in fieldsets:
            fields = list(options.get("fields", ()))
            for index, line in enumerate(fields):
                if "is_published" in (line if isinstance(line, list | tuple) else (line,)):
                    fields.insert(index + 1, SCHEDULE)
                    options = {**options, "fields": fields}
                    break
            placed.append((name, options))
        return placed

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "publish_at" not in form.base_fields:
            return type(form.__name__, (ErrorsAtFieldsMixin, form), {})
        return type(form.__name__, (ErrorsAtFieldsMixin, ScheduleFormMixin, form), {})

    def get_list_display(self, request):
        """A "scheduled" column before "published"."""
        shown = list(super().get_list_display(request))
        if "scheduled" not in shown and "is_published" in shown:
            shown.insert(shown.index("is_published"), "scheduled")
        return shown

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ScheduledFilter]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if {"publish_at", "unpublish_at"} & set(form.changed_data):
            self._tell_schedule(request, obj)

    def _tell_schedule(self, request, obj):
        """After a save that changed the schedule: what will happen, and when."""
        values = {"city": zone_city()}
        if not obj.is_published and obj.publish_at:
            if obj.publish_at <= timezone.now():
                message = gettext("Will be published within a minute.")
            else:
                values["time"] = local_time(obj.publish_at)
                message = gettext("Will be published at %(time)s (%(city)s time).") % values
            reason = scheduling.why_not_publishable(obj)
            if reason:
                message += " " + gettext(
                    "But it cannot be published yet, and stays a draft until it can: %(reason)s"
                ) % {"reason": reason}
                self.message_user(request, message, messages.WARNING)
                return
            if obj.unpublish_at:
                values["time"] = local_time(obj.unpublish_at)
                message += " " + gettext("Unpublished at %(time)s.") % values
            self.message_user(request, message, messages.INFO)
        elif obj.is_published and obj.unpublish_at:
            values["time"] = local_time(obj.unpublish_at)
            message = gettext("Will be unpublished at %(time)s (%(city)s time).") % values
            self.message_user(request, message, messages.INFO)

    @admin.display(description=_("scheduled"), ordering="publish_at")
    def scheduled(self, obj):
        """The next scheduled action ("publish 7 Dec 2025 09:00"), or why it is overdue."""
        action = scheduling.next_action(obj)
        if action is None:
            return "—"
        kind, detail = action
        if kind == "overdue":
            return format_html(
                '<strong class="errornote">{}</strong>',
                gettext("overdue: %(reason)s") % {"reason": detail},
            )
        if kind == "publish":
            return gettext("publish %(time)s") % {"time": local_time(detail)}
        return gettext("unpublish %(time)s") % {"time": local_time(detail)}

    def get_changelist(self, request, **kwargs):
        return ForgivingChangeList

    def get_object(self, request, object_id, from_field=None):
        # "?_to_field=" (empty) reaches here as "", which Django looks up as a field name.
        return super().get_object(request, object_id, from_field or None)

    def get_search_results(self, request, queryset, search_term):
        # PostgreSQL refuses a NUL character in any text it is given (a 500 before this).
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description=_("Unpublish the selected items"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def publishable(self, queryset):
        """What may go public from a selection (images need a caption first)."""
        return queryset

    def not_publishable_message(self, count, waiting=None):
        """The warning for ``count`` selected items left as drafts (``waiting``: which, for
        the admins whose message names them)."""
        return ngettext(
            "%(count)d image has no caption yet and stays a draft.",
            "%(count)d images have no caption yet and stay drafts.",
            count,
        ) % {"count": count}

    def _set_published(self, request, queryset, value):
        if value:
            ready = self.publishable(queryset)
            waiting = queryset.count() - ready.count()
            if waiting:
                left = queryset.exclude(pk__in=ready.values("pk"))
                message = self.not_publishable_message(waiting, left)
                self.message_user(request, message, messages.WARNING)
            queryset = ready
        chosen = queryset.model.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
        records = list(chosen)
        for record in records:
            record.is_published = value
        # One UPDATE per batch, and a version of each record saying who (``revisions.py``).
        count = bulk_update_with_history(
            records, queryset.model, ["is_published"], default_user=request.user
        )
        if value:
            for record in records:
                record.share_public_words()  # as save() does
        # The history of each item says who published or unpublished it, and when.
        LogEntry.objects.log_actions(
            request.user.pk,
            list(chosen),
            CHANGE,
            change_message=[{"changed": {"fields": [published_label(queryset.model)]}}],
        )
        # update() sends no signal: recount the gallery and make cached pages stale by hand.
        recount_missions_of(chosen)
        content_changed()
        message = (
            ngettext("%(count)d item published.", "%(count)d items published.", count)
            if value
            else ngettext("%(count)d item unpublished.", "%(count)d items unpublished.", count)
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.display(description=_("demo content"), boolean=True)
    def demo_content(self, obj):
        return obj.is_demo


class FileNotStoredMixin:
    """When the uploaded file cannot be stored, the form comes back with the editor's texts
    and the reason, and nothing is saved (the texts neither: the file is chosen again)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ImageNotStored as error:  # VideoNotStored too
            retry = copy(request)
            retry._files = MultiValueDict()  # a browser never refills a file input anyway
            retry.file_not_stored = error.text
            return super().changeform_view(retry, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        reason = getattr(request, "file_not_stored", None)
        if reason is None:
            return form

        def refuse(self):
            raise ValidationError(reason)

        return type(form.__name__, (form,), {"clean": refuse})


class CrewMemberInline(admin.TabularInline):
    model = CrewMember
    extra = 0
    autocomplete_fields = ["astronaut"]


class MissionImageInline(admin.TabularInline):
    model = ImageCaption
    extra = 0
    fields = ["preview", "title_en", "title_fr", "is_published"]
    readonly_fields = ["preview"]
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("images of this mission")

    def has_add_permission(self, request, obj=None):
        # New images come through the image form or the bulk upload, which judge the file.
        return False

    @admin.display(description=_("image"))
    def preview(self, obj):
        return thumbnail(obj)


@admin.register(Mission)
class MissionAdmin(PublishableAdmin):
    list_display = ["name", "launch_date", "landing_date", "crew_size", "is_published", "is_demo"]
    list_filter = ["is_published", "is_featured", "is_demo", "spacecraft"]
    search_fields = ["name", "summary_en", "summary_fr", "crew__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["spacecraft", "launch_place", "training_place", "partners"]
    date_hierarchy = "launch_date"
    # Explicit: the crew-count annotation (GROUP BY) drops Meta.ordering, which left the
    # autocomplete (image form, mission field) unordered and paginating unpredictably.
    ordering = ["-launch_date", "name"]
    inlines = [
        CrewMemberInline,
        MissionFigureInline,
        MissionEventInline,
        RelatedLinkInline,
        MissionImageInline,
    ]
    fieldsets = [
        (None, {"fields": [("name", "slug"), ("is_published", "is_featured"), "demo_content"]}),
        (
            _("Flight"),
            {
                "fields": [
                    ("launch_date", "landing_date"),
                    "launch_place",
                    *bilingual("launch_site", "destination"),
                    ("training_place", "partners"),
                    "spacecraft",
                ]
            },
        ),
        (_("Summary"), {"fields": bilingual("summary")}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(crew_count=Count("crew_members"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.bulk_upload_view)
        return [
            path("<path:object_id>/bulk-upload/", view, name="missions_mission_bulk_upload"),
            path(
                "<path:object_id>/bulk-upload/<int:batch_id>/",
                view,
                name="missions_mission_bulk_upload_batch",
            ),
            *super().get_urls(),
        ]

    def bulk_upload_view(self, request, object_id, batch_id=None):
        """Upload many images into one mission. The files are stored and queued; the page of
        the upload then follows the worker, file by file, with each success or refusal."""
        mission = self.get_object(request, unquote(object_id))
        if mission is None:
            raise Http404
        # Adding images to a mission changes it: both permissions are needed.
        if not (
            self.has_change_permission(request, mission)
            and request.user.has_perm("missions.add_imagecaption")
        ):
            raise PermissionDenied
        batch = None
        if batch_id is not None:
            batch = UploadBatch.objects.filter(pk=batch_id, mission=mission).first()
            if batch is None:
                raise Http404
        form = BulkUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                batch = stage(
                    mission,
                    form.cleaned_data["images"],
                    user=request.user,
                    photographer=form.cleaned_data["photographer"],
                    credit=form.cleaned_data["credit"],
                    licence=form.cleaned_data["licence"],
                )
            except ImageNotStored as error:
                self.message_user(request, error.text, messages.ERROR)
            else:
                return redirect("admin:missions_mission_bulk_upload_batch", mission.pk, batch.pk)
        elif batch is not None:
            form = BulkUploadForm(
                initial={
                    "photographer": batch.photographer_id,
                    "credit": batch.credit,
                    "licence": batch.licence,
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": mission,
            "title": _("Upload images to %(mission)s") % {"mission": mission},
            "form": form,
            "batch": batch,
            "results": batch and batch_report(batch),
        }
        return TemplateResponse(request, "admin/missions/mission/bulk_upload.html", context)

    @admin.display(description=_("crew"), ordering="crew_count")
    def crew_size(self, obj):
        return obj.crew_count


@admin.register(Astronaut)
class AstronautAdmin(PublishableAdmin):
    list_display = ["name", "nationality", "agency", "is_published", "is_demo"]
    list_filter = ["is_published", "nationality", "space_agency", "agency", "is_demo"]
    search_fields = ["name", "agency", "biography_en", "biography_fr"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["portrait", "space_agency"]
    list_select_related = ["portrait"]
    inlines = [RelatedLinkInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name", "slug"),
                    ("nationality", "space_agency"),
                    "agency",
                    "portrait",
                ]
            },
        ),
        (_("Biography"), {"fields": bilingual("biography")}),
        (_("Publication"), {"fields": ["is_published", "demo_content"]}),
    ]


@admin.register(Spacecraft)
class SpacecraftAdmin(PublishableAdmin):
    list_display = ["name", "kind", "operator", "is_published", "is_demo"]
    list_filter = ["is_published", "kind", "operated_by", "is_demo"]
    search_fields = [
        "name",
        "name_fr",
        "operator",
        "operator_fr",
        "description_en",
        "description_fr",
    ]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["operated_by"]
    inlines = [RelatedLinkInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name", "slug"),
                    "name_fr",
                    ("kind", "operated_by"),
                    ("operator", "operator_fr"),
                ]
            },
        ),
        (
            _("Key figures"),
            {"fields": [("height_m", "stages"), ("first_flight", "launch_count")]},
        ),
        (_("Description"), {"fields": bilingual("description")}),
        (_("Publication"), {"fields": ["is_published", "demo_content"]}),
    ]


class YearTakenFilter(admin.SimpleListFilter):
    title = _("year taken")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            ImageCaption.objects.exclude(date_taken=None)
            .annotate(year=ExtractYear("date_taken"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not (self.value().isdigit() and 1 <= int(self.value()) <= 9999):
            raise IncorrectLookupParameters(f"no year {self.value()!r}")
        return queryset.filter(date_taken__year=int(self.value()))


@admin.register(ImageCaption)
class ImageCaptionAdmin(
    KeptUploadAdminMixin, ImageChecksMixin, FileNotStoredMixin, PublishableAdmin
):
    form = ImageCaptionForm
    list_display = [
        "preview",
        "__str__",
        "mission",
        "photographer",
        "date_taken",
        "licence",
        "is_published",
    ]
    list_display_links = ["preview", "__str__"]
    list_filter = [
        "is_published",
        "mission",
        "photographer",
        YearTakenFilter,
        "licence",
        "is_illustration",
        "is_demo",
        NeedsCaptionFilter,
    ]
    list_select_related = ["mission", "photographer"]
    actions = [*PublishableAdmin.actions, "write_captions"]
    search_fields = [
        "slug",
        "title_en",
        "title_fr",
        "caption_en",
        "caption_fr",
        "alt_en",
        "alt_fr",
        "credit",
    ]
    autocomplete_fields = ["mission", "photographer", "spacecraft"]
    prepopulated_fields = {"slug": ["title_en"]}
    date_hierarchy = "date_taken"
    readonly_fields = [
        "demo_content",
        "preview",
        "focal_point",
        "pixel_size",
        "file_size",
        "format",
        "original_file",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("image", "preview"),
                    ("pixel_size", "file_size", "format"),
                    "original_file",
                ]
            },
        ),
        (
            _("Focal point"),
            {"fields": ["focal_point", ("focal_x", "focal_y")], "description": FOCAL_POINT_HELP},
        ),
        (_("Texts"), {"fields": ["slug", *bilingual("title", "caption", "alt")]}),
        (
            _("Context"),
            {"fields": [("mission", "photographer"), "spacecraft", "date_taken"]},
        ),
        (_("Rights"), {"fields": [("credit", "licence"), "is_illustration"]}),
        (_("Publication"), {"fields": ["is_published", "demo_content"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        """A new image's form has no facts of its file yet (they are read when it is saved)."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        facts = {("pixel_size", "file_size", "format"), "original_file"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in facts]})
            for name, options in fieldsets
        ]

    @admin.display(description=_("image"))
    def preview(self, obj):
        return thumbnail(obj)

    @admin.display(description=_("focal point"))
    def focal_point(self, obj):
        """The preview to click (``focal_point.py``)."""
        return focal_picker(obj)

    def publishable(self, queryset):
        return queryset.ready_to_publish()

    def get_urls(self):
        view = self.admin_site.admin_view(self.caption_desk_view)  # never cached, CSRF
        return [path("caption-desk/", view, name=CAPTION_DESK), *super().get_urls()]

    def caption_desk_view(self, request):
        """The texts of many drafts on one page (``caption_desk.py``)."""
        return desk_view(self, request)

    @admin.action(
        description=_("Write the captions of the selected drafts"), permissions=["change"]
    )
    def write_captions(self, request, queryset):
        """The desk with the selection, in pages of ``PER_PAGE`` (at most ``DESK_PAGES`` of
        them: the ids travel in the address)."""
        chosen = list(queryset.values_list("pk", flat=True)[: DESK_PAGES * PER_PAGE + 1])
        if len(chosen) > DESK_PAGES * PER_PAGE:
            chosen = chosen[:-1]
            message = gettext(
                "Only the first %(count)d selected images are on the desk: select the others "
                "after writing these."
            ) % {"count": len(chosen)}
            self.message_user(request, message, messages.WARNING)
        ids = ",".join(map(str, chosen))
        return redirect(f"{reverse(f'admin:{CAPTION_DESK}')}?ids={ids}")

    @admin.display(description=_("original file"))
    def original_file(self, obj):
        """Whether the original is still in storage (checked on this page only: one file)."""
        if not obj or not obj.image:
            return "—"
        # A new file not stored yet (a form with errors): the stored one, if there is one.
        name = obj.image.name if obj.image._committed else getattr(obj, "_stored_image_name", "")
        if not name:
            return "—"
        if obj.image.storage.exists(name):
            return _("present")
        return format_html(
            '<strong class="errornote">{}</strong>',
            _("Original missing: upload the file again to restore it and its renditions."),
        )

    @admin.display(description=_("pixel size"))
    def pixel_size(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"
