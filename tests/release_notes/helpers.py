"""Editor actions as the admin performs them: save a revision, publish it."""

from django.contrib.auth.models import Group

from release_notes.access import PRE_RELEASE_GROUP_NAME


def publish(instance, user=None):
    """Publish an object's current state as a new revision, as the admin does."""
    revision = instance.save_revision(user=user, clean=False)
    revision.publish(user=user, skip_permission_checks=True)
    instance.refresh_from_db()
    return instance


def system_administrator(user):
    user.groups.add(Group.objects.get_or_create(name=PRE_RELEASE_GROUP_NAME)[0])
    return user
