"""Who may read pre-release notes before their production date."""

from django.contrib.auth.models import Group

PRE_RELEASE_GROUP_NAME = "Systeembeheerders en lokale experten"


def pre_release_group() -> Group:
    group, _created = Group.objects.get_or_create(name=PRE_RELEASE_GROUP_NAME)
    return group


def may_read_pre_releases(user) -> bool:
    """Members of the system administrators' group, and the editors of release notes."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("release_notes.change_releasenote"):
        return True
    # Cached on the user object: a listing asks once per note otherwise.
    if not hasattr(user, "_release_notes_pre_release_reader"):
        user._release_notes_pre_release_reader = user.groups.filter(
            name=PRE_RELEASE_GROUP_NAME
        ).exists()
    return user._release_notes_pre_release_reader
