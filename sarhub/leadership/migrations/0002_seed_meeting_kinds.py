"""The partnership meetings findings are usually presented to; system administrators add others."""

from django.db import migrations

MEETING_KINDS = ["Safeguarding Adults Board", "Executive Group", "Place Board"]


def seed(apps, schema_editor):
    MeetingKind = apps.get_model("leadership", "MeetingKind")
    for order, name in enumerate(MEETING_KINDS, start=1):
        MeetingKind.objects.update_or_create(name=name, defaults={"order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("leadership", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
