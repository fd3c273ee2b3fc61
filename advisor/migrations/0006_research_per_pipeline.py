"""Company research is kept per pipeline, moved from the people's ticks."""

from django.db import migrations, models

# The research items about the organisation, ticked once per pipeline from now on.
COMPANY_ITEMS = ("culture", "projects_clients")


def move_company_ticks(apps, schema_editor):
    """A company item ticked for someone counts as done for every pipeline they are part of."""
    ResearchTick = apps.get_model("advisor", "ResearchTick")
    Pipeline = apps.get_model("advisor", "Pipeline")
    Round = apps.get_model("advisor", "Round")
    ticks = ResearchTick.objects.filter(item__in=COMPANY_ITEMS)
    done: dict[int, set[str]] = {}
    links = Round.interviewers.through.objects.filter(
        interviewer_id__in=ticks.values("interviewer_id")
    ).values_list("interviewer_id", "round__pipeline_id")
    pipelines_of: dict[int, set[int]] = {}
    for person_id, pipeline_id in links:
        pipelines_of.setdefault(person_id, set()).add(pipeline_id)
    for person_id, item in ticks.values_list("interviewer_id", "item"):
        for pipeline_id in pipelines_of.get(person_id, ()):
            done.setdefault(pipeline_id, set()).add(item)
    for pipeline in Pipeline.objects.filter(pk__in=list(done)):
        pipeline.researched = [item for item in COMPANY_ITEMS if item in done[pipeline.pk]]
        pipeline.save(update_fields=["researched"])
    ticks.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("advisor", "0005_email_summary"),
    ]

    operations = [
        migrations.AddField(
            model_name="pipeline",
            name="researched",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(move_company_ticks, migrations.RunPython.noop),
    ]
