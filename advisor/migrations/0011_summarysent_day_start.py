"""Each morning summary's day is keyed on the moment that local day began, not on its date."""

import zoneinfo
from datetime import datetime, time

from django.db import migrations, models


def fill_day_start(apps, schema_editor):
    """The start of the local day each summary was sent on, in the user's zone (the one they
    have now: the records did not keep theirs). That is what a new record would be keyed on
    that day, and what due_users reads (sent_at), so that a user who moved west still gets the
    new zone's next morning. Two records on one such day (a move back east) keep the second's
    own moment instead, which no new record's midnight can take."""
    SummarySent = apps.get_model("advisor", "SummarySent")
    taken = set()
    records = SummarySent.objects.select_related("user").order_by("-sent_at", "-pk")
    for record in records.iterator():
        zone = zoneinfo.ZoneInfo(record.user.time_zone)
        local = record.sent_at.astimezone(zone)
        day_start = datetime.combine(local.date(), time(), tzinfo=zone)
        if (record.user_id, day_start) in taken:
            day_start = record.sent_at
        taken.add((record.user_id, day_start))
        record.day_start = day_start
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
