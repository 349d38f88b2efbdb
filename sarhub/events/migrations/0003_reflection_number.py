"""Reflections are numbered within their event (1, 2, 3…, in the order written), so the team refers to
them by a stable number instead of a database id. Existing reflections are numbered by when they were
written."""

from django.db import migrations, models


def number_reflections(apps, schema_editor):
    Reflection = apps.get_model("events", "Reflection")
    counters: dict[int, int] = {}
    for reflection in Reflection.objects.order_by("event_id", "created_at", "id").only("id", "event_id"):
        counters[reflection.event_id] = counters.get(reflection.event_id, 0) + 1
        Reflection.objects.filter(pk=reflection.pk).update(number=counters[reflection.event_id])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_reflections_collation"),
    ]

    operations = [
        migrations.AddField(
            model_name="reflection",
            name="number",
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.RunPython(number_reflections, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reflection",
            name="number",
            field=models.PositiveIntegerField(
                help_text="1, 2, 3… within its event, in the order written; never reused"
            ),
        ),
        migrations.AlterModelOptions(
            name="reflection",
            options={"ordering": ["event", "number"]},
        ),
        migrations.AddConstraint(
            model_name="reflection",
            constraint=models.UniqueConstraint(fields=("event", "number"), name="one_reflection_number_per_event"),
        ),
    ]
