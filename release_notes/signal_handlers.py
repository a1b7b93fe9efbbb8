"""Reactions to publishing and to banner changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import published

from release_notes import banners, notifications, publishing
from release_notes.models import Banner, KnownBug, ReleaseNote


@receiver(published, sender=ReleaseNote)
def release_note_published(sender, instance, **kwargs):
    publishing.release_note_published(instance)


@receiver(published, sender=KnownBug)
def known_bug_published(sender, instance, **kwargs):
    notifications.known_bug_published(instance)


@receiver(post_save, sender=Banner)
@receiver(post_delete, sender=Banner)
def banner_changed(sender, instance, **kwargs):
    # Now for this process, and again after the commit in case another request
    # cached the old list in between.
    banners.forget_banners()
    transaction.on_commit(banners.forget_banners)
