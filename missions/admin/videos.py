"""The editors' videos: texts, facts, subtitles, and the state of the background processing."""

from django import forms
from django.contrib import admin, messages
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import subtitles
from ..models import TimelapseSpeed, Video
from ..tasks import queue_video
from ..templatetags.archive import duration
from .archive import FileNotStoredMixin, PublishableAdmin, bilingual
from .kept_uploads import KeptUploadAdminMixin, KeptUploadFormMixin

LANGUAGE_NAMES = {"en": _("English"), "fr": _("French")}


class VideoForm(KeptUploadFormMixin, forms.ModelForm):
    """Subtitles are typed (or pasted) as WebVTT, or uploaded as a .vtt file that replaces
    the text; both are checked cue by cue, and a refusal gives the line."""

    kept_field = "file"

    subtitles_en_file = forms.FileField(
        label=_("or upload English subtitles (.vtt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )
    subtitles_fr_file = forms.FileField(
        label=_("or upload French subtitles (.vtt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )

    class Meta:
        model = Video
        fields = ["file", "subtitles_en", "subtitles_fr"]  # the admin adds its fieldsets' fields
        widgets = {
            "file": forms.ClearableFileInput(attrs={"accept": "video/*"}),
            "subtitles_en": forms.Textarea(attrs={"rows": 8, "class": "vLargeTextField"}),
            "subtitles_fr": forms.Textarea(attrs={"rows": 8, "class": "vLargeTextField"}),
        }

    def clean(self):
        cleaned = super().clean()
        for code in LANGUAGE_NAMES:
            upload = cleaned.get(f"subtitles_{code}_file")
            if not upload:
                cleaned[f"subtitles_{code}"] = subtitles.normalise(
                    cleaned.get(f"subtitles_{code}") or ""
                )
                continue
            try:
                text = subtitles.read_upload(upload)
                subtitles.validate_webvtt(text)
            except forms.ValidationError as error:
                self.add_error(f"subtitles_{code}_file", error)
            else:
                cleaned[f"subtitles_{code}"] = subtitles.normalise(text)
                self.instance.__dict__[f"subtitles_{code}"] = cleaned[f"subtitles_{code}"]
        return cleaned


class TimelapseSpeedFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if kept and self.instance.footage_type != Video.FootageType.TIMELAPSE:
            raise forms.ValidationError(
                _(
                    "Only a timelapse changes speed: choose “timelapse” as the footage type, or "
                    "remove these lines."
                ),
                code="not_timelapse",
            )


class TimelapseSpeedInline(admin.TabularInline):
    model = TimelapseSpeed
    formset = TimelapseSpeedFormSet
    extra = 0
    verbose_name_plural = _("timelapse speeds (where the film changes speed)")


@admin.register(Video)
class VideoAdmin(KeptUploadAdminMixin, FileNotStoredMixin, PublishableAdmin):
    form = VideoForm
    inlines = [TimelapseSpeedInline]
    list_display = [
        "poster",
        "__str__",
        "mission",
        "footage_type",
        "length",
        "processing",
        "is_published",
    ]
    list_display_links = ["poster", "__str__"]
    list_filter = ["state", "is_published", "footage_type", "mission", "is_demo"]
    list_select_related = ["mission"]
    search_fields = ["slug", "title_en", "title_fr", "description_en", "description_fr"]
    autocomplete_fields = ["mission", "astronauts", "spacecraft"]
    prepopulated_fields = {"slug": ["title_en"]}
    actions = ["publish", "unpublish", "process_again"]
    readonly_fields = ["demo_content", "poster", "processing", "file_facts", "rendition_links"]
    fieldsets = [
        (
            None,
            {"fields": [("file", "poster"), "processing", "file_facts", "rendition_links"]},
        ),
        (_("Texts"), {"fields": ["slug", *bilingual("title", "description", "credit")]}),
        (
            _("Context"),
            {"fields": ["mission", "astronauts", "spacecraft", ("released_on", "licence")]},
        ),
        (
            _("Footage"),
            {"fields": ["footage_type", ("audio", "commentary_language")]},
        ),
        (
            _("Timelapse"),
            {
                "fields": [("capture_interval", "playback_rate")],
                "description": _(
                    "For a timelapse: how often a picture was taken and how many are shown "
                    "per second. Where the film changes speed, add a line below."
                ),
            },
        ),
        (
            _("Subtitles"),
            {
                "fields": [
                    ("subtitles_en", "subtitles_en_file"),
                    ("subtitles_fr", "subtitles_fr_file"),
                ],
                "description": _(
                    "WebVTT: “WEBVTT” on the first line, then cues such as "
                    "“00:00:01.000 --> 00:00:04.000” followed by their text."
                ),
            },
        ),
        (_("Publication"), {"fields": ["is_published", "demo_content"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # nothing processed yet
            first = {"fields": ["file"]}
            return [(None, first), *fieldsets[1:]]
        return fieldsets

    @admin.display(description=_("poster"))
    def poster(self, obj):
        url = obj.poster_url("webp") if obj and obj.pk else ""
        if not url:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="120" style="aspect-ratio:16/9;object-fit:cover" '
            'loading="lazy">',
            url,
        )

    @admin.display(description=_("length"), ordering="duration")
    def length(self, obj):
        return duration(obj.duration)

    @admin.display(description=_("processing"), ordering="state")
    def processing(self, obj):
        """Waiting, processing with its progress, ready, or failed with the reason."""
        if not obj or not obj.pk:
            return "—"
        if obj.state == Video.State.PROCESSING:
            return format_html(
                '{} <progress max="100" value="{}">{} %</progress> {} %',
                obj.get_state_display(),
                obj.progress,
                obj.progress,
                obj.progress,
            )
        if obj.state == Video.State.FAILED:
            return format_html(
                '<strong class="errornote">{}: {}</strong> {}',
                obj.get_state_display(),
                obj.failure,
                _("Select it in the list and choose “Process again”."),
            )
        return obj.get_state_display()

    @admin.display(description=_("file"))
    def file_facts(self, obj):
        if not obj or not obj.width:
            return "—"
        return format_html(
            "{} × {} px · {} · {} fps · {} · {}",
            obj.width,
            obj.height,
            duration(obj.duration),
            round(obj.frame_rate, 2),
            filesizeformat(obj.file_size),
            _("with sound") if obj.has_audio else _("silent"),
        )

    @admin.display(description=_("renditions"))
    def rendition_links(self, obj):
        if not obj or not obj.renditions:
            return "—"
        return format_html_join(
            " · ",
            '<a href="{}">{}p</a> ({})',
            ((mp4["url"], mp4["height"], filesizeformat(mp4["size"])) for mp4 in obj.mp4s),
        )

    @admin.action(description=_("Process the selected videos again"), permissions=["change"])
    def process_again(self, request, queryset):
        """Queue failed videos (and any not ready) for processing again."""
        chosen = list(queryset.exclude(state=Video.State.READY).values_list("pk", flat=True))
        for pk in chosen:
            Video.objects.filter(pk=pk).update(failure="", progress=0, attempts=0)
            queue_video(pk)
        skipped = queryset.count() - len(chosen)
        self.message_user(
            request,
            ngettext(
                "%(count)d video queued for processing.",
                "%(count)d videos queued for processing.",
                len(chosen),
            )
            % {"count": len(chosen)},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d video is ready already and was left alone.",
                    "%(count)d videos are ready already and were left alone.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    def publishable(self, queryset):
        return queryset.exclude(title_en="", title_fr="")

    def not_publishable_message(self, count, waiting=None):
        return ngettext(
            "%(count)d video has no title yet and stays a draft.",
            "%(count)d videos have no title yet and stay drafts.",
            count,
        ) % {"count": count}
