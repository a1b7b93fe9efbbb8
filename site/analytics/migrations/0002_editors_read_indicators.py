"""Editors and moderators may read the website indicators."""

from django.db import migrations

GROUPS = ("Editors", "Moderators", "Redactie")


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; this one is needed now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="analytics", model="siteday"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_indicators",
        defaults={"name": "Kan de website-indicatoren bekijken"},
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0001_daily_aggregates"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
