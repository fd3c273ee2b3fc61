"""The board's overview counted once per write or few minutes: the user's data version and the
figures last counted."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('advisor', '0008_pipeline_job_details'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='data_version',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='user',
            name='overview_counts',
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
    ]
