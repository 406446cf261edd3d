"""Many images at once for one mission: each file is judged and saved on its own.

A refused file does not stop the others; every file gets a line in the report. The new images
are drafts: the editor writes their captions, then publishes them.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .images import ACCEPT_ATTRIBUTE
from .models import Astronaut, ImageCaption, ImageNotStored, Licence


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that cleans to the list of every file chosen."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [file for file in files if file]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class BulkUploadForm(forms.Form):
    images = MultipleFileField(
        label=_("Images"),
        help_text=_("Choose or drop many JPEG, PNG or WebP files; each becomes a draft."),
    )
    photographer = forms.ModelChoiceField(
        label=_("Photographer"), queryset=Astronaut.objects.all(), required=False
    )
    credit = forms.CharField(label=_("Credit"), max_length=200, initial="ESA")
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)


@dataclass(frozen=True)
class FileResult:
    name: str
    image: ImageCaption | None
    errors: tuple = ()

    @property
    def ok(self):
        return self.image is not None


def ingest(mission, files, photographer=None, credit="ESA", licence=Licence.ESA_STANDARD):
    """Save each file as a draft image of ``mission``; return one :class:`FileResult` per file."""
    results = []
    for file in files:
        image = ImageCaption(
            image=file,
            mission=mission,
            photographer=photographer,
            credit=credit,
            licence=licence,
            is_published=False,
        )
        try:
            image.full_clean(exclude=["slug"])
            with transaction.atomic():
                image.save()
        except ValidationError as error:
            results.append(FileResult(file.name, None, tuple(error.messages)))
        except ImageNotStored as error:  # reported; the next files are still tried
            results.append(FileResult(file.name, None, (error.text,)))
        else:
            results.append(FileResult(file.name, image))
    return results
