"""A pipeline's pages: creating one, its form's errors, its rounds listed, deleting it."""

import pytest
from django.urls import reverse

from advisor.models import Pipeline

pytestmark = pytest.mark.django_db


def test_creating_a_pipeline_lands_on_its_page(user, client_for):
    response = client_for(user).post(
        reverse("pipeline_new"),
        {"company": "Globex", "role": "Data Engineer", "status": "active", "url": "", "notes": ""},
    )
    pipeline = Pipeline.objects.get(owner=user)
    assert response.status_code == 302
    assert response.url == pipeline.get_absolute_url()
    assert (pipeline.company, pipeline.role) == ("Globex", "Data Engineer")


def test_a_pipeline_form_with_errors_keeps_what_was_typed(user, client_for):
    response = client_for(user).post(
        reverse("pipeline_new"),
        {"company": "", "role": "Quietly typed role", "status": "active", "url": "not a url"},
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert "Enter a valid URL." in response.text
    assert 'value="Quietly typed role"' in response.text
    assert not Pipeline.objects.exists()


def test_pipeline_page_lists_rounds_with_their_people(
    user, client_for, make_round, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee")
    round_ = make_round(owner=user, name="System design", interviewers=(dana,))
    page = client_for(user).get(round_.pipeline.get_absolute_url()).text
    assert "System design" in page and "Dana Lee" in page


def test_each_round_card_acts_on_its_own_round_and_people(
    user, client_for, make_round, make_interviewer
):
    dana, sam = make_interviewer(user, "Dana Lee"), make_interviewer(user, "Sam Park")
    screen = make_round(owner=user, name="Screen", interviewers=(dana,))
    onsite = make_round(screen.pipeline, name="Onsite", interviewers=(dana, sam))
    page = client_for(user).get(screen.pipeline.get_absolute_url()).text
    for round_, people in ((screen, [dana]), (onsite, [dana, sam])):
        for name in ("interview", "interview_edit", "interview_delete"):
            assert f'href="{reverse(name, args=[round_.pk])}"' in page
        for name in ("interview_status", "interview_move", "interview_attach"):
            assert f'hx-post="{reverse(name, args=[round_.pk])}"' in page
        for person in people:
            detach = reverse("interview_detach", args=[round_.pk, person.pk])
            assert f'action="{detach}"' in page
    assert page.count(f'href="{dana.get_absolute_url()}"') == 2


def test_deleting_a_pipeline_asks_first(user, client_for, make_pipeline):
    pipeline = make_pipeline(user)
    client = client_for(user)
    confirm = client.get(reverse("pipeline_delete", args=[pipeline.pk]))
    assert "cannot be undone" in confirm.text
    assert Pipeline.objects.filter(pk=pipeline.pk).exists()
    client.post(reverse("pipeline_delete", args=[pipeline.pk]))
    assert not Pipeline.objects.filter(pk=pipeline.pk).exists()
