"""Reflections are numbered within their event (1, 2, 3…, in the order written), so the team refers to
them by a stable number instead of a database id. Existing reflections are numbered by when they were
written (the column is made required in 0004, in its own transaction: PostgreSQL refuses to alter a
table with the updates still pending in the same one)."""

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
    ]
