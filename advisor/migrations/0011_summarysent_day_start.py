"""Each morning summary's day is keyed on the moment that local day began, not on its date."""

import zoneinfo
from datetime import datetime, time

from django.db import migrations, models


def fill_day_start(apps, schema_editor):
    """The start of each recorded date in the user's zone (the one they have now: the best
    guess for a record that did not keep its own)."""
    SummarySent = apps.get_model("advisor", "SummarySent")
    for record in SummarySent.objects.select_related("user").iterator():
        zone = zoneinfo.ZoneInfo(record.user.time_zone)
        record.day_start = datetime.combine(record.date, time(), tzinfo=zone)
        record.save(update_fields=["day_start"])


class Migration(migrations.Migration):
    dependencies = [("advisor", "0010_user_board_content")]

    operations = [
        migrations.AddField(
            model_name="summarysent",
            name="day_start",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(fill_day_start, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="summarysent",
            name="day_start",
            field=models.DateTimeField(),
        ),
        migrations.RemoveConstraint(
            model_name="summarysent",
            name="one_summary_per_user_and_day",
        ),
        migrations.AddConstraint(
            model_name="summarysent",
            constraint=models.UniqueConstraint(
                fields=("user", "day_start"), name="one_summary_per_user_and_local_day"
            ),
        ),
    ]
