"""Videos: the film an editor uploads, what is said about it, and the state of its processing.

The upload is judged in the editor's request (``video.inspect_video``: a few frames decoded,
whatever the length) and stored as it came; the renditions visitors watch (H.264/AAC MP4 at
720p and 1080p, never upscaled, and a poster frame) are made by the worker (``tasks.py``). A
video is public once it is published *and* its renditions are ready.
"""

import secrets
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import subtitles, video
from ..bilingual import BilingualMixin, LocalizedText, languages_in_order
from ..managers import VideoQuerySet
from .archive import (
    LICENCE_URLS,
    Astronaut,
    ImageNotStored,
    Licence,
    Mission,
    Publishable,
    unique_slug,
)
from .archive import Spacecraft as SpacecraftModel
from .revisions import revisions

VIDEO_FOLDER = "videos"
# What a video's versions do not hold: the file, what was read from it and its processing.
VIDEO_FILE_FIELDS = (
    "file",
    "duration",
    "width",
    "height",
    "frame_rate",
    "file_size",
    "has_audio",
    "state",
    "progress",
    "failure",
    "attempts",
    "heartbeat_at",
    "renditions",
    "pending_files",
    "like_count",
)
POSTER_FORMATS = ("webp", "jpeg")
NO_TITLE = _("Give the video a title in English or in French before publishing.")


def video_upload_to(instance, filename):
    """``videos/<random>/original.<extension>``: the folder holds the original and, later, its
    renditions, under a name nobody can guess (a draft's files must not be found)."""
    if "_upload_name" not in instance.__dict__:
        info = getattr(instance.file, "video_info", None)
        extension = info.extension if info else PurePath(filename).suffix.lstrip(".") or "bin"
        instance._upload_name = f"{VIDEO_FOLDER}/{secrets.token_urlsafe(16)}/original.{extension}"
    return instance._upload_name


def validate_video_upload(value):
    """Model-field validator: judges new uploads only, and remembers what it read for save()."""
    if not value or getattr(value, "_committed", True):
        return
    value.video_info = video.inspect_video(value.file)


class VideoNotStored(ImageNotStored):
    message = _(
        "The video could not be stored (%(reason)s). Nothing was saved: try again, or tell "
        "the site's administrator if it happens again."
    )


class Video(BilingualMixin, Publishable):
    class FootageType(models.TextChoices):
        A_ROLL = "a-roll", _("A-roll (edited, with commentary)")
        B_ROLL = "b-roll", _("B-roll (raw footage)")
        TIMELAPSE = "timelapse", _("timelapse")
        INTERVIEW = "interview", _("interview")
        ANIMATION = "animation", _("animation")
        BRIEFING = "briefing", _("press briefing")
        OTHER = "other", _("other")

    class Audio(models.TextChoices):
        NONE = "none", _("no sound")
        COMMENTARY = "commentary", _("commentary")
        INTERNATIONAL = "international", _("clean international sound")
        SPLIT = "split", _("split: commentary and international sound on separate channels")
        MUSIC = "music", _("music")

    class CommentaryLanguage(models.TextChoices):
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")
        GERMAN = "de", _("German")
        ITALIAN = "it", _("Italian")
        SPANISH = "es", _("Spanish")
        RUSSIAN = "ru", _("Russian")

    class State(models.TextChoices):
        WAITING = "waiting", _("waiting")
        PROCESSING = "processing", _("processing")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    file = models.FileField(
        _("video file"),
        upload_to=video_upload_to,
        max_length=200,
        validators=[validate_video_upload],
        help_text=_(
            "MP4, MOV, WebM or MKV. Versions for the web (720p, 1080p) and a poster are made "
            "in the background after you save."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Left empty, it is made from the title or the file name."),
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    credit_en = models.CharField(_("credit (English)"), max_length=200, default="ESA")
    credit_fr = models.CharField(_("credit (French)"), max_length=200, blank=True)
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.ESA_STANDARD
    )
    like_count = models.PositiveIntegerField(_("likes"), default=0, editable=False)
    mission = models.ForeignKey(
        Mission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="videos",
        verbose_name=_("mission"),
    )
    astronauts = models.ManyToManyField(
        Astronaut, blank=True, related_name="videos", verbose_name=_("astronauts shown")
    )
    spacecraft = models.ManyToManyField(
        SpacecraftModel, blank=True, related_name="videos", verbose_name=_("spacecraft shown")
    )
    released_on = models.DateField(_("release date"), null=True, blank=True)
    footage_type = models.CharField(
        _("footage type"), max_length=20, choices=FootageType.choices, default=FootageType.OTHER
    )
    audio = models.CharField(_("audio"), max_length=20, choices=Audio.choices, default=Audio.NONE)
    commentary_language = models.CharField(
        _("commentary language"),
        max_length=2,
        choices=CommentaryLanguage.choices,
        blank=True,
        help_text=_("For a video with commentary."),
    )
    capture_interval = models.DecimalField(
        _("capture interval (s)"),
        max_digits=8,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Timelapse: seconds between two pictures (0.5 for two a second)."),
    )
    playback_rate = models.DecimalField(
        _("playback rate (pictures per second)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Timelapse: pictures shown per second of film (25)."),
    )
    subtitles_en = models.TextField(
        _("subtitles (English, WebVTT)"), blank=True, validators=[subtitles.validate_webvtt]
    )
    subtitles_fr = models.TextField(
        _("subtitles (French, WebVTT)"), blank=True, validators=[subtitles.validate_webvtt]
    )
    # Read from the file when it is saved.
    duration = models.FloatField(_("duration (s)"), default=0, editable=False)
    width = models.PositiveIntegerField(_("width (px)"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height (px)"), default=0, editable=False)
    frame_rate = models.FloatField(_("frame rate"), default=0, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), default=0, editable=False)
    has_audio = models.BooleanField(_("has sound"), default=False, editable=False)
    # The background processing (tasks.py).
    state = models.CharField(
        _("processing"),
        max_length=12,
        choices=State.choices,
        default=State.WAITING,
        editable=False,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, editable=False)
    failure = models.TextField(_("why it failed"), blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)
    heartbeat_at = models.DateTimeField(_("last sign of the worker"), null=True, editable=False)
    # {"mp4": [{"height", "width", "name", "size"}, … tallest first], "poster": {"webp", "jpeg"}}
    renditions = models.JSONField(_("renditions"), default=dict, editable=False)
    # Files a worker is writing; removed if it fails or dies before the video is ready.
    pending_files = models.JSONField(default=list, editable=False)

    objects = VideoQuerySet.as_manager()
    history = revisions(*VIDEO_FILE_FIELDS)

    class Meta:
        ordering = [models.F("released_on").desc(nulls_last=True), "-created_at"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | ~Q(title_en="") | ~Q(title_fr=""),
                name="published_video_has_a_title",
                violation_error_message=NO_TITLE,
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "state"], name="video_public_idx"),
            models.Index(fields=["file"], name="video_file_idx"),
        ]

    def __str__(self):
        return self.tr("title") or self.slug

    def save(self, *args, **kwargs):
        """Save; with a new file, all or nothing (as for images), and the new file is queued
        for processing once the transaction commits."""
        new_file = bool(self.file) and not self.file._committed
        if not new_file:
            return super().save(*args, **kwargs)
        info = getattr(self.file, "video_info", None) or video.inspect_video(self.file.file)
        replaced = self._stored_files() if self.pk else []
        self.width, self.height, self.duration = info.width, info.height, info.duration
        self.frame_rate, self.file_size, self.has_audio = info.frame_rate, info.size, info.has_audio
        self.state, self.progress, self.failure, self.renditions = self.State.WAITING, 0, "", {}
        if not self.slug:
            self.slug = unique_slug(Video, self.title_en or self.title_fr, "video")
        try:
            with transaction.atomic():
                super().save(*args, **kwargs)
        except Exception as error:
            name = self.__dict__.pop("_upload_name", None)
            if name:
                self.file.storage.delete(name)
            if isinstance(error, OSError):
                raise VideoNotStored(getattr(error, "strerror", None) or error) from error
            raise
        self.__dict__.pop("_upload_name", None)
        from ..tasks import queue_video  # the queue's module needs the models first

        pk, storage = self.pk, self.file.storage
        transaction.on_commit(lambda: (delete_video_files(storage, replaced), queue_video(pk)))

    def get_absolute_url(self):
        return reverse("missions:video", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.is_published and not (self.title_en.strip() or self.title_fr.strip()):
            errors["title_en"] = ValidationError(NO_TITLE, code="no_title")
        speaking = self.audio in (self.Audio.COMMENTARY, self.Audio.SPLIT)
        if speaking and not self.commentary_language:
            errors["commentary_language"] = ValidationError(
                _("Say in which language the commentary is."), code="commentary_language"
            )
        if not speaking and self.commentary_language:
            errors["commentary_language"] = ValidationError(
                _("Only a video with commentary has a commentary language."),
                code="commentary_language",
            )
        is_timelapse = self.footage_type == self.FootageType.TIMELAPSE
        for field in ("capture_interval", "playback_rate"):
            value = getattr(self, field)
            if value is not None and not is_timelapse:
                errors[field] = ValidationError(
                    _("Only a timelapse has a capture interval and a playback rate."),
                    code="not_timelapse",
                )
            elif value is not None and value <= 0:
                errors[field] = ValidationError(_("Give a number above zero."), code="positive")
        if errors:
            raise ValidationError(errors)

    def _stored_files(self):
        """Every file of this video in the storage: original, renditions, poster."""
        stored = Video.objects.filter(pk=self.pk).values_list("file", "renditions").first()
        if stored is None:
            return []
        original, renditions = stored
        return [original, *rendition_files(renditions)]

    @property
    def folder(self):
        return str(PurePath(self.file.name).parent)

    @property
    def is_public(self):
        """Published, processed, and its mission (if it has one) published too."""
        return (
            self.is_published
            and self.state == self.State.READY
            and (self.mission_id is None or self.mission.is_published)
        )

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    @property
    def credit(self):
        return self.tr("credit")

    @property
    def is_timelapse(self):
        return self.footage_type == self.FootageType.TIMELAPSE

    @property
    def speed_up(self):
        """Real seconds per second of film, from the capture interval and the playback rate
        (two pictures a second played at 25 a second: 12.5)."""
        if self.capture_interval and self.playback_rate:
            return (self.capture_interval * self.playback_rate).normalize()
        return None

    @property
    def mp4s(self):
        """``[{"height", "width", "name", "size", "url"}, …]``, tallest first."""
        storage = self.file.storage
        return [
            {**rendition, "url": storage.url(rendition["name"])}
            for rendition in self.renditions.get("mp4", [])
        ]

    def poster_url(self, image_format="webp"):
        name = self.renditions.get("poster", {}).get(image_format)
        return self.file.storage.url(name) if name else ""

    def download_name(self, height):
        return f"{self.slug}-{height}p.mp4"

    def give_up(self, reason):
        """Mark the processing failed with ``reason`` (shown to editors, who may retry)."""
        Video.objects.filter(pk=self.pk).update(state=self.State.FAILED, failure=reason)

    def subtitle_tracks(self, first=None):
        """``[(language, text)]`` of the subtitles written, the visitor's language first."""
        return [
            (code, getattr(self, f"subtitles_{code}"))
            for code in languages_in_order(first)
            if getattr(self, f"subtitles_{code}").strip()
        ]

    def subtitle_words(self, language):
        return LocalizedText(subtitles.plain_text(getattr(self, f"subtitles_{language}")), language)


class TimelapseSpeed(models.Model):
    """From ``starts_at`` seconds into the film, one second of film shows ``speed_up`` seconds
    of real time (the CRS-23 undocking: about 12 times until the undocking, then six times)."""

    video = models.ForeignKey(
        Video, on_delete=models.CASCADE, related_name="speeds", verbose_name=_("video")
    )
    starts_at = models.DecimalField(
        _("from (s into the film)"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    speed_up = models.DecimalField(_("times real speed"), max_digits=8, decimal_places=2)
    note_en = models.CharField(_("note (English)"), max_length=120, blank=True)
    note_fr = models.CharField(_("note (French)"), max_length=120, blank=True)

    class Meta:
        ordering = ["video", "starts_at"]
        verbose_name = _("timelapse speed")
        verbose_name_plural = _("timelapse speeds")
        constraints = [
            models.UniqueConstraint(
                fields=["video", "starts_at"],
                name="timelapse_speed_once_per_moment",
                violation_error_message=_("The film already changes speed at that moment."),
            ),
            models.CheckConstraint(
                condition=Q(speed_up__gt=0) & Q(starts_at__gte=0),
                name="timelapse_speed_positive",
                violation_error_message=_("Speed and start must be positive."),
            ),
        ]

    def __str__(self):
        return f"×{self.speed_up.normalize()} from {self.starts_at.normalize()} s"


def rendition_files(renditions):
    """The storage names in a video's ``renditions``."""
    names = [rendition["name"] for rendition in renditions.get("mp4", [])]
    poster = renditions.get("poster", {})
    return names + [poster[key] for key in POSTER_FORMATS if poster.get(key)]


def every_video_file():
    """The storage names of every video's original and renditions (backups)."""
    names = set()
    for original, renditions in Video._base_manager.values_list("file", "renditions"):
        names.update([original, *rendition_files(renditions)])
    return names


def delete_video_files(storage, names):
    """Remove files a video no longer needs (after a replace, a delete, a failed attempt)."""
    for name in names:
        if name:
            storage.delete(name)


@receiver(post_delete, sender=Video)
def _delete_files_with_video(sender, instance, **kwargs):
    names = [instance.file.name, *rendition_files(instance.renditions), *instance.pending_files]
    storage = instance.file.storage
    transaction.on_commit(lambda: delete_video_files(storage, names))
