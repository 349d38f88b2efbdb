"""Every reflection has its number now (0003): it is required and unique within its event."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_reflection_number"),
    ]

    operations = [
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
