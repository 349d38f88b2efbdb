"""Records when the release that fixed multiple-choice answers was installed (see audit/single_answers.py)."""

from django.db import migrations
from django.utils import timezone


def reached(apps, schema_editor):
    Milestone = apps.get_model("core", "Milestone")
    Milestone.objects.get_or_create(key="multiple_choice_fixed", defaults={"reached_at": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_milestones")]
    operations = [migrations.RunPython(reached, migrations.RunPython.noop)]
