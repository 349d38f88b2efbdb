"""The statutory abuse and neglect types and the common practice themes."""

from django.db import migrations

from sarhub.taxonomy.seed import ABUSE_TYPES, PRACTICE_THEMES


def seed(apps, schema_editor):
    AbuseType = apps.get_model("taxonomy", "AbuseType")
    PracticeTheme = apps.get_model("taxonomy", "PracticeTheme")
    for order, (name, description) in enumerate(ABUSE_TYPES, start=1):
        AbuseType.objects.update_or_create(
            name=name, defaults={"description": description, "order": order * 10, "is_seeded": True}
        )
    for order, name in enumerate(PRACTICE_THEMES, start=1):
        PracticeTheme.objects.update_or_create(name=name, defaults={"order": order * 10, "is_seeded": True})


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
