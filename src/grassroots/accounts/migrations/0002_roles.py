"""The five staff roles as groups. Their permissions are synced after every migration from
accounts/roles.py ROLE_PERMISSIONS (on post_migrate), so later models get theirs too."""

from django.db import migrations

ROLES = ("Administrator", "Editor", "Author", "Contributor", "Moderator")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
