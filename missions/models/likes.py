"""Likes: a visitor without an account likes an image, a video or a mission once.

Each like is a row naming what was liked and the visitor (the random id of a signed cookie,
hashed), unique together, so the database itself refuses a second like by the same visitor;
the liked record keeps the count (``like_count``) that pages show and the gallery sorts by.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Like(models.Model):
    class Target(models.TextChoices):
        IMAGE = "image", _("image")
        VIDEO = "video", _("video")
        MISSION = "mission", _("mission")

    target = models.CharField(_("what was liked"), max_length=10, choices=Target.choices)
    object_id = models.PositiveBigIntegerField(_("its id"))
    visitor = models.CharField(_("visitor"), max_length=64)
    created_at = models.DateTimeField(_("liked"), auto_now_add=True)

    class Meta:
        verbose_name = _("like")
        verbose_name_plural = _("likes")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "object_id", "visitor"], name="one_like_per_visitor"
            ),
        ]

    def __str__(self):
        return f"{self.target} {self.object_id}"
