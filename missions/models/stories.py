"""What the seed pages tell beyond images: the agencies and places of a mission, the agreements
between agencies, a mission's timeline, its experiments and figures, and links to read more.

Agencies and places are records with their own pages; astronauts, spacecraft and missions point
to them. The older free-text fields (an astronaut's ``agency``, a spacecraft's ``operator``, a
mission's ``launch_site``) stay as the words pages and search show, written from the record
when a published one is chosen, or when the chosen one is published (``Astronaut.save``,
``Agency.save`` and the others): a draft's names never reach a public page.
"""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..bilingual import BilingualMixin
from ..managers import AgreementQuerySet, PublishedQuerySet
from .archive import Astronaut, Country, ImageCaption, Mission, Publishable, Spacecraft
from .revisions import revisions
from .videos import Video


class Agency(BilingualMixin, Publishable):
    short_name = models.CharField(
        _("short name"), max_length=40, help_text=_("As it is usually written: ESA, CNES, NASA.")
    )
    name_en = models.CharField(_("name (English)"), max_length=160)
    name_fr = models.CharField(_("name (French)"), max_length=160, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=Country.choices,
        blank=True,
        help_text=_("Left empty for an international organisation."),
    )
    website = models.URLField(_("website"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    objects = PublishedQuerySet.as_manager()
    history = revisions()

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("agency or company")
        verbose_name_plural = _("agencies and companies")

    def __str__(self):
        return self.short_name

    def save(self, *args, **kwargs):
        """Save; once public, its names become the words of the astronauts and spacecraft that
        point to it (a draft agency's names stay private: they keep their own words)."""
        super().save(*args, **kwargs)
        if self.is_published:
            self.share_public_words()

    def share_public_words(self):
        self.astronauts.update(agency=self.short_name)
        self.spacecraft.update(operator=self.name_en, operator_fr=self.name_fr)

    def get_absolute_url(self):
        return reverse("missions:agency", kwargs={"slug": self.slug})


class Place(BilingualMixin, Publishable):
    class Kind(models.TextChoices):
        LAUNCH_SITE = "launch_site", _("launch site")
        TRAINING_CENTRE = "training_centre", _("training centre")
        CONTROL_CENTRE = "control_centre", _("control centre")
        LANDING_SITE = "landing_site", _("landing site")

    name_en = models.CharField(_("name (English)"), max_length=160)
    name_fr = models.CharField(_("name (French)"), max_length=160, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    region_en = models.CharField(
        _("region (English)"),
        max_length=120,
        blank=True,
        help_text=_("Where it is, when the country alone does not say: French Guiana."),
    )
    region_fr = models.CharField(_("region (French)"), max_length=120, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    objects = PublishedQuerySet.as_manager()
    history = revisions()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.tr("name")

    def save(self, *args, **kwargs):
        """Save; once public, its names become the launch site of the missions launched from it
        (a draft place's names stay private)."""
        super().save(*args, **kwargs)
        if self.is_published:
            self.share_public_words()

    def share_public_words(self):
        self.launches.update(
            launch_site_en=self.name_en, launch_site_fr=self.name_fr or self.name_en
        )

    def get_absolute_url(self):
        return reverse("missions:place", kwargs={"slug": self.slug})


class Agreement(BilingualMixin, Publishable):
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    signed_on = models.DateField(_("signed on"))
    parties = models.ManyToManyField(Agency, related_name="agreements", verbose_name=_("parties"))
    place = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("place it concerns"),
    )
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)

    objects = AgreementQuerySet.as_manager()
    history = revisions()

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.tr("title")


class Experiment(BilingualMixin, Publishable):
    class Field(models.TextChoices):
        LIFE_SCIENCES = "life_sciences", _("life sciences")
        HUMAN_RESEARCH = "human_research", _("human research")
        PHYSICAL_SCIENCES = "physical_sciences", _("physical sciences")
        TECHNOLOGY = "technology", _("technology")
        EARTH_OBSERVATION = "earth_observation", _("Earth observation")
        EDUCATION = "education", _("education")

    name_en = models.CharField(_("name (English)"), max_length=160)
    name_fr = models.CharField(_("name (French)"), max_length=160, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    leading_agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiments",
        verbose_name=_("leading agency"),
    )
    missions = models.ManyToManyField(
        Mission, related_name="experiments", blank=True, verbose_name=_("missions")
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    objects = PublishedQuerySet.as_manager()
    history = revisions()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")

    def __str__(self):
        return self.tr("name")


class MissionFigure(BilingualMixin, models.Model):
    """A number a mission is told with: "200 experiments planned", "40 European ones"."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="figures", verbose_name=_("mission")
    )
    value = models.PositiveIntegerField(_("value"))
    label_en = models.CharField(_("what it counts (English)"), max_length=160)
    label_fr = models.CharField(_("what it counts (French)"), max_length=160, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["mission", "position", "pk"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self):
        return f"{self.value} {self.tr('label')}"


class MissionEvent(BilingualMixin, models.Model):
    """A moment of a mission's timeline, with the images and videos that show it."""

    class Kind(models.TextChoices):
        LAUNCH = "launch", _("launch")
        DOCKING = "docking", _("docking")
        HATCH_OPENING = "hatch_opening", _("hatch opening")
        SPACEWALK = "spacewalk", _("spacewalk")
        UNDOCKING = "undocking", _("undocking")
        LANDING = "landing", _("landing")
        OTHER = "other", _("other")

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="events", verbose_name=_("mission")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    time = models.TimeField(
        _("time (UTC)"), null=True, blank=True, help_text=_("Where it is known.")
    )
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    images = models.ManyToManyField(
        ImageCaption, related_name="events", blank=True, verbose_name=_("images that show it")
    )
    videos = models.ManyToManyField(
        Video, related_name="events", blank=True, verbose_name=_("videos that show it")
    )

    class Meta:
        ordering = ["mission", "date", F("time").asc(nulls_first=True), "pk"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline")

    def __str__(self):
        return f"{self.date} {self.tr('label')}"


class RelatedLink(BilingualMixin, models.Model):
    """A page elsewhere to read more: the mission's site, a brochure, a blog, a social account.
    It belongs to exactly one mission, astronaut or spacecraft."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    astronaut = models.ForeignKey(
        Astronaut, on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    spacecraft = models.ForeignKey(
        Spacecraft, on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    label_en = models.CharField(_("label (English)"), max_length=160)
    label_fr = models.CharField(_("label (French)"), max_length=160, blank=True)
    url = models.URLField(_("address"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("related link")
        verbose_name_plural = _("more information")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(mission__isnull=False, astronaut__isnull=True, spacecraft__isnull=True)
                    | Q(mission__isnull=True, astronaut__isnull=False, spacecraft__isnull=True)
                    | Q(mission__isnull=True, astronaut__isnull=True, spacecraft__isnull=False)
                ),
                name="related_link_has_one_owner",
            ),
        ]

    def __str__(self):
        return self.tr("label")
