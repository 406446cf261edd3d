"""The caption desk: the titles, captions and alt texts of many draft images, written on one page.

A bulk upload leaves its images as drafts without texts; the desk lists them (a batch's images,
chosen images, or every draft with no caption in either language) with their thumbnails, and
their texts in English and French side by side, plus mission, photographer and date taken. One
model formset, saved row by row: each valid row in its own transaction, the invalid ones shown
again with what was typed and their errors at their fields.

The page costs a fixed number of queries whatever its rows: the images with their mission and
photographer in one query, and the choices of the mission and photographer fields loaded once
for every row (``SharedChoiceField``), which also judge a posted choice without a query.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms.models import BaseModelFormSet, modelformset_factory
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..links import record_id
from ..models import Astronaut, ImageCaption, Mission, UploadBatch
from .site_time import local_time
from .thumbnails import thumbnail

PER_PAGE = 50
URL_NAME = "missions_imagecaption_caption_desk"
TEXTS = ("title", "caption", "alt")
COLUMNS = (
    ("en", _("English"), [f"{name}_en" for name in TEXTS]),
    ("fr", _("French"), [f"{name}_fr" for name in TEXTS]),
    ("context", _("Context"), ["mission", "photographer", "date_taken"]),
)
NOT_HERE = _("This image is no longer a draft you may change here: open it on its own page.")
FIELDS = [name for _code, _label, names in COLUMNS for name in names]


class NeedsCaptionFilter(admin.SimpleListFilter):
    title = _("caption")
    parameter_name = "caption"

    def lookups(self, request, model_admin):
        return [("needed", _("needs a caption"))]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.needs_caption()
        return queryset


class SharedChoiceField(forms.ModelChoiceField):
    """A model choice field whose choices were loaded once for the whole formset: rendering
    and judging a row costs no query."""

    def share(self, objects, choices=None):
        self.objects = objects  # {pk: object}
        if choices is not None:
            self.choices = choices  # [("", "---------"), (pk, label), …]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not hasattr(self, "objects"):
            return super().to_python(value)
        try:
            key = self.queryset.model._meta.pk.to_python(value)
        except ValidationError:
            key = None
        if key not in self.objects:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return self.objects[key]


def shared_field(db_field, **kwargs):
    if db_field.name in ("mission", "photographer"):
        return db_field.formfield(form_class=SharedChoiceField, **kwargs)
    return db_field.formfield(**kwargs)


class DeskForm(forms.ModelForm):
    class Meta:
        model = ImageCaption
        fields = FIELDS
        widgets = {
            "title_en": forms.TextInput(attrs={"size": 28}),
            "title_fr": forms.TextInput(attrs={"size": 28}),
            "caption_en": forms.Textarea(attrs={"rows": 4, "cols": 34}),
            "caption_fr": forms.Textarea(attrs={"rows": 4, "cols": 34}),
            "alt_en": forms.TextInput(attrs={"size": 28}),
            "alt_fr": forms.TextInput(attrs={"size": 28}),
            "date_taken": forms.DateInput(format="%Y-%m-%d", attrs={"size": 10}),
        }


class DeskFormSet(BaseModelFormSet):
    """Sets the mission and photographer choices once, for every row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shared = {}
        for name, model in (("mission", Mission), ("photographer", Astronaut)):
            objects = {obj.pk: obj for obj in model._default_manager.all()}
            choices = [("", "---------"), *((pk, str(obj)) for pk, obj in objects.items())]
            self._shared[name] = (objects, choices)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        for name, (objects, choices) in self._shared.items():
            form.fields[name].share(objects, choices)
        if self.is_bound:
            # The posted image, found among the rows loaded (Django's field asks the database,
            # once a row); one the editor may not change here (published since) is refused.
            field = SharedChoiceField(
                queryset=ImageCaption.objects.none(),
                initial=form.fields["id"].initial,
                required=True,  # a row without an image would be saved as a new, empty one
                widget=forms.HiddenInput,
                error_messages={"invalid_choice": NOT_HERE},
            )
            field.share({image.pk: image for image in self.queryset})
            form.fields["id"] = field
        return form

    def get_queryset(self):
        # The editor's rows, a list in the order chosen (a page of at most PER_PAGE).
        return self.queryset


DeskFormSetClass = modelformset_factory(
    ImageCaption,
    form=DeskForm,
    formset=DeskFormSet,
    formfield_callback=shared_field,
    extra=0,
    edit_only=True,
    max_num=PER_PAGE,
    absolute_max=PER_PAGE,
)


def editable(model_admin, request):
    """The images the desk may change: drafts (published images are edited one by one)."""
    return (
        model_admin.get_queryset(request)
        .filter(is_published=False)
        .select_related("mission", "photographer")
    )


def _ids(text):
    return [pk for part in text.split(",") if (pk := record_id(part)) is not None]


def chosen(model_admin, request):
    """``(queryset, description, parameters)`` from the query string: ``?batch=<id>`` (the
    images an upload added, in upload order), ``?ids=1,2,3``, or else every draft that needs a
    caption, newest first."""
    drafts = editable(model_admin, request)
    batch_id = request.GET.get("batch", "")
    if batch_id:
        if record_id(batch_id) is None:
            raise Http404
        batch = UploadBatch.objects.filter(pk=record_id(batch_id)).select_related("mission").first()
        if batch is None:
            raise Http404
        order = [entry["image"] for entry in batch.files if entry.get("image")]
        found = drafts.in_bulk(order)
        rows = [found[pk] for pk in order if pk in found]
        description = gettext("The drafts of the upload of %(date)s to %(mission)s") % {
            "date": local_time(batch.created_at),
            "mission": batch.mission,
        }
        return rows, description, {"batch": batch.pk}
    if "ids" in request.GET:
        order = _ids(request.GET["ids"])
        found = drafts.in_bulk(order)
        rows = [found[pk] for pk in order if pk in found]
        return rows, gettext("The chosen drafts"), {"ids": ",".join(map(str, order))}
    queryset = drafts.needs_caption().order_by("-created_at", "-pk")
    return queryset, gettext("Drafts that need a caption"), {}


class Row:
    """One image of the desk: its form and its cells, each input labelled with the image."""

    def __init__(self, form, model_admin):
        self.form = form
        self.image = form.instance
        self.name = str(self.image) or self.image.image.name
        self.url = (
            reverse("admin:missions_imagecaption_change", args=[self.image.pk])
            if self.image.pk
            else None
        )
        self.thumbnail = thumbnail(self.image, width=160)
        self.columns = [[form[name] for name in names] for _code, _label, names in COLUMNS]
        self.errors = [*form.non_field_errors(), *form.errors.get("id", [])]


def desk_view(model_admin, request):
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    url = reverse(f"admin:{URL_NAME}")
    if request.method == "POST":
        # The rows posted, whatever the selection shows now (another editor may have captioned
        # or published some since): each is judged again against what the editor may change.
        posted = [
            value
            for key, value in request.POST.items()
            if key.startswith("form-") and key.endswith("-id") and record_id(value) is not None
        ]
        queryset = list(editable(model_admin, request).filter(pk__in=posted))
        formset = DeskFormSetClass(request.POST, queryset=queryset)
        if not formset.management_form.is_valid():
            return HttpResponseBadRequest(gettext("The form was incomplete: open the desk again."))
        saved, wrong = 0, 0
        for form in formset.forms:
            if not form.is_valid():
                wrong += 1
                continue
            if not form.has_changed():
                continue
            with transaction.atomic():
                image = form.save()
                model_admin.log_change(request, image, [{"changed": {"fields": _labels(form)}}])
            saved += 1
        back = request.get_full_path()
        if not wrong:
            if saved:
                message = ngettext("%(count)d image saved.", "%(count)d images saved.", saved) % {
                    "count": saved
                }
                model_admin.message_user(request, message, messages.SUCCESS)
            else:
                model_admin.message_user(request, gettext("Nothing was changed."), messages.INFO)
            return redirect(back)
        message = gettext("%(saved)s, %(wrong)s: the rows to correct are marked below.") % {
            "saved": ngettext("%(count)d saved", "%(count)d saved", saved) % {"count": saved},
            "wrong": ngettext("%(count)d to correct", "%(count)d to correct", wrong)
            % {"count": wrong},
        }
        model_admin.message_user(request, message, messages.WARNING)
        _selection, description, parameters = chosen(model_admin, request)
        page = None
        action = back
    else:
        selection, description, parameters = chosen(model_admin, request)
        page = Paginator(selection, PER_PAGE).get_page(request.GET.get("page"))
        formset = DeskFormSetClass(queryset=list(page.object_list))
        action = request.get_full_path()
    rows = [Row(form, model_admin) for form in formset.forms]
    _focus_first(rows)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": gettext("Caption desk"),
        "description": description,
        "formset": formset,
        "rows": rows,
        "columns": [(code, label) for code, label, _names in COLUMNS],
        "page_obj": page,
        "page_links": _page_links(url, parameters, page),
        "action": action,
    }
    return TemplateResponse(request, "admin/missions/imagecaption/caption_desk.html", context)


def _labels(form):
    return [str(form.fields[name].label) for name in form.changed_data]


def _focus_first(rows):
    """The first field with an error, or else the first field of the page, is focused."""
    fields = [field for row in rows for column in row.columns for field in column]
    target = next((field for field in fields if field.errors), fields[0] if fields else None)
    if target is not None:
        target.field.widget.attrs["autofocus"] = True


def _page_links(url, parameters, page):
    if page is None or page.paginator.num_pages < 2:
        return []
    return [
        (number, f"{url}?{urlencode({**parameters, 'page': number})}", number == page.number)
        for number in page.paginator.page_range
    ]
