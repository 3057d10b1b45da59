"""Readers who follow the blog by email. An address is stored only once its owner confirmed
it (the request itself travels in the signed confirmation link); it is never shown in public
and the privacy flow exports and erases it."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_secret():
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    class Frequency(models.TextChoices):
        EACH = "each", _("Every new post")
        WEEKLY = "weekly", _("A weekly digest")

    email = models.EmailField(_("email"), max_length=254)
    # The keyed hash the privacy flow finds an address by (core/personal.py): one row each.
    email_key = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    frequency = models.CharField(_("how often"), max_length=8, choices=Frequency.choices)
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    # In every mailed unsubscribe link; a new one voids the old links.
    secret = models.CharField(max_length=32, default=new_secret, editable=False)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        ordering = ["-confirmed_at"]

    def __str__(self):
        return self.email


class Mailing(models.Model):
    """One post mailed to its followers, or one week's digest; its deliveries say who got it,
    so a crash in the middle resumes where it stopped."""

    post = models.OneToOneField("blog.Post", null=True, on_delete=models.CASCADE)
    digest_week = models.CharField(max_length=10, blank=True)  # "2026-W49"
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["digest_week"],
                condition=~models.Q(digest_week=""),
                name="followers_one_digest_a_week",
            )
        ]

    def __str__(self):
        return self.digest_week or f"post {self.post_id}"


class Delivery(models.Model):
    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(default=False)  # over the address's daily cap, or nothing new

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing", "subscriber"], name="followers_one_each")
        ]
        indexes = [models.Index(fields=["mailing", "sent_at"])]

    def __str__(self):
        return f"{self.mailing} to {self.subscriber_id}"
