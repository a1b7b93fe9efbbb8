"""A new service landing page gets its editors' group at once."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from home.editor_groups import ensure_service_editors
from home.models import ServicePage


@receiver(post_save, sender=ServicePage)
def create_service_editors(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_service_editors(instance)
