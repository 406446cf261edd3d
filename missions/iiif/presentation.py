"""Presentation API 3.0 manifests: one per public image, one per public mission.

A manifest is for every language at once, so its texts are *language maps*: each text under
the language it is written in. A title or caption an editor wrote in one language only appears
under that language alone (a viewer then shows it to everyone, marked with its language), never
under the other one. A mission's name is one field shown on both language sites: it is that
mission's name in English and in French, so it is given under both.

Every canvas paints its image through the Image API service (``service.py``), with a thumbnail
the size of a stored rendition (answered without resizing). ``rights`` is a URI the
specification accepts (``rights.py``); the licence's own page is linked in the
``requiredStatement`` and the ``metadata``; ``homepage`` is the image's or mission's page in
each language; ``rendering`` offers the original file.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import links
from ..bilingual import LANGUAGE_CODES, localized, pages
from ..filters import SORTS
from ..models import ImageCaption, Licence, Mission
from . import derivatives, service
from .rights import rights_uri, terms_url

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"

# Fixed words of the manifests, given in both languages at once from the catalogue.
WORDS = {
    "required": _("Credit and licence"),
    "credit": _("Credit"),
    "licence": _("Licence"),
    "date": _("Date taken"),
    "mission": _("Mission"),
    "original": _("Original file"),
}
CREDIT_LINE = _('<span>Credit: {} — licence: <a href="{}">{}</a></span>')
IMAGE_FIELDS = (
    "slug",
    "image",
    "format",
    "width",
    "height",
    "renditions",
    "date_taken",
    "credit",
    "licence",
    "updated_at",
    *(f"{text}_{code}" for text in ("title", "caption") for code in LANGUAGE_CODES),
)


def in_each_language(text):
    """``{"en": [text in English], "fr": [text in French]}`` of a catalogue's string."""
    found = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            found[code] = [str(text)]
    return found


def words(name):
    return in_each_language(WORDS[name])


def language_map(record, field):
    """``{"en": [text], "fr": [text]}`` with only the languages the field is written in."""
    found = {}
    for code in LANGUAGE_CODES:
        text = (getattr(record, f"{field}_{code}", "") or "").strip()
        if text:
            found[code] = [text]
    return found


def licence_name(licence, code):
    with translation.override(code):
        return str(Licence(licence).label) if licence in Licence.values else licence


def required_statement(pairs):
    """ "Credit: … — licence: …" for each distinct ``(credit, licence)``, in each language."""
    return {
        "label": words("required"),
        "value": {
            code: [
                format_html(line, credit, terms_url(licence), licence_name(licence, code))
                for credit, licence in pairs
            ]
            for code, [line] in in_each_language(CREDIT_LINE).items()
        },
    }


def homepage(request, record, label_field):
    """The record's public page in each language, each labelled in the language it shows."""
    found = []
    for code, path in pages(record).items():
        url = links.absolute(request, path)
        if label_field == "name":
            label = {code: [record.name]}
        else:
            text = localized(record, label_field, language=code)
            label = {text.lang: [str(text)]} if text else {"none": [record.slug]}
        found.append(
            {"id": url, "type": "Text", "label": label, "format": "text/html", "language": [code]}
        )
    return found


def thumbnail(request, image):
    """The smallest stored rendition, through the Image API (served as it is stored)."""
    sizes = derivatives.rendition_sizes(image) or [service.max_size(image)]
    width, height = sizes[0]
    return [
        {
            "id": service.image_url(request, image.slug, size=f"{width},{height}"),
            "type": "Image",
            "format": "image/jpeg",
            "width": width,
            "height": height,
            "service": [service.reference(request, image.slug)],
        }
    ]


def image_metadata(image):
    entries = [
        {"label": words("credit"), "value": {"none": [image.credit]}},
        {
            "label": words("licence"),
            "value": {
                code: [
                    format_html(
                        '<a href="{}">{}</a>',
                        terms_url(image.licence),
                        licence_name(image.licence, code),
                    )
                ]
                for code in LANGUAGE_CODES
            },
        },
    ]
    if image.date_taken:
        entries.append({"label": words("date"), "value": {"none": [image.date_taken.isoformat()]}})
    return entries


def canvas(request, image):
    """A canvas the size of the image, painted with it through the Image API service."""
    base = links.absolute(request, reverse("iiif:image-manifest", args=[image.slug]))
    canvas_id = base.removesuffix("/manifest.json") + "/canvas"
    width, height = service.max_size(image)
    data = {
        "id": canvas_id,
        "type": "Canvas",
        "label": language_map(image, "title") or {"none": [image.slug]},
        "width": image.width,
        "height": image.height,
    }
    if summary := language_map(image, "caption"):
        data["summary"] = summary
    data.update(
        {
            "thumbnail": thumbnail(request, image),
            "rights": rights_uri(image.licence),
            "requiredStatement": required_statement([(image.credit, image.licence)]),
            "homepage": homepage(request, image, "title"),
            "items": [
                {
                    "id": f"{canvas_id}/page",
                    "type": "AnnotationPage",
                    "items": [
                        {
                            "id": f"{canvas_id}/page/image",
                            "type": "Annotation",
                            "motivation": "painting",
                            "target": canvas_id,
                            "body": {
                                "id": service.image_url(request, image.slug),
                                "type": "Image",
                                "format": "image/jpeg",
                                "width": width,
                                "height": height,
                                "service": [service.reference(request, image.slug)],
                            },
                        }
                    ],
                }
            ],
        }
    )
    return data


def image_manifest(request, image):
    """The manifest of one public image (read with :func:`public_image`)."""
    data = {
        "@context": PRESENTATION_CONTEXT,
        "id": links.absolute(request, reverse("iiif:image-manifest", args=[image.slug])),
        "type": "Manifest",
        "label": language_map(image, "title") or {"none": [image.slug]},
    }
    if summary := language_map(image, "caption"):
        data["summary"] = summary
    metadata = image_metadata(image)
    if image.mission_id is not None:  # public: a draft mission's images are not
        metadata.append({"label": words("mission"), "value": {"none": [image.mission.name]}})
    original = {
        "id": links.absolute(request, image.image.url),
        "type": "Image",
        "label": words("original"),
        "format": f"image/{image.format.lower()}" if image.format else "image/jpeg",
    }
    data.update(
        {
            "metadata": metadata,
            "rights": rights_uri(image.licence),
            "requiredStatement": required_statement([(image.credit, image.licence)]),
            "homepage": homepage(request, image, "title"),
            "thumbnail": thumbnail(request, image),
            "rendering": [original],
            "items": [canvas(request, image)],
        }
    )
    return data


def mission_manifest(request, mission, images):
    """The manifest of a public mission: a canvas for each of its public ``images``."""
    pairs = list(dict.fromkeys((image.credit, image.licence) for image in images))
    licences = {licence for _credit, licence in pairs}
    data = {
        "@context": PRESENTATION_CONTEXT,
        "id": links.absolute(request, reverse("iiif:mission-manifest", args=[mission.slug])),
        "type": "Manifest",
        "label": {code: [mission.name] for code in LANGUAGE_CODES},
    }
    if summary := language_map(mission, "summary"):
        data["summary"] = summary
    if len(licences) == 1:
        data["rights"] = rights_uri(next(iter(licences)))
    data.update(
        {
            "requiredStatement": required_statement(pairs),
            "homepage": homepage(request, mission, "name"),
            "thumbnail": thumbnail(request, images[0]),
            "items": [canvas(request, image) for image in images],
        }
    )
    return data


def public_image(slug):
    """A public image with what its manifest shows (one query), or None."""
    return (
        ImageCaption.objects.published()
        .filter(slug=slug)
        .select_related("mission")
        .only(*IMAGE_FIELDS, "mission", "mission__name")
        .first()
    )


def public_mission(slug):
    return (
        Mission.objects.published()
        .filter(slug=slug)
        .only("slug", "name", *(f"summary_{code}" for code in LANGUAGE_CODES))
        .first()
    )


def mission_images(mission):
    """The mission's public images in the gallery's order, read in one query."""
    return list(
        ImageCaption.objects.published()
        .filter(mission=mission)
        .only(*IMAGE_FIELDS)
        .order_by(*SORTS["newest"])[: settings.IIIF_MANIFEST_MAX_CANVASES]
    )
