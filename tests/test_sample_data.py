"""Trying the site with sample data: added to one's own account, removed in one click."""

import pytest

from advisor.models import Interviewer, Pipeline, Profile, Round, Touch

pytestmark = pytest.mark.django_db


def test_an_empty_board_offers_a_first_interview_and_sample_data(user, client_for):
    page = client_for(user).get("/").text
    assert "Add your first interview" in page
    assert "Try it with sample data" in page and 'action="/sample/"' in page


def test_sample_data_fills_the_board_and_says_how_to_remove_it(user, client_for):
    client = client_for(user)
    response = client.post("/sample/", follow=True)
    assert "Sample data added" in response.text
    assert "Remove the sample data" in response.text
    pipeline = Pipeline.objects.get(owner=user)
    assert pipeline.company.endswith("(sample)")
    assert Round.objects.filter(pipeline=pipeline).count() == 3
    assert Interviewer.objects.filter(owner=user).count() == 3
    assert Touch.objects.filter(interviewer__owner=user, kind="met").exists()


def test_a_second_click_adds_no_second_sample(user, client_for):
    client = client_for(user)
    client.post("/sample/")
    response = client.post("/sample/", follow=True)
    assert "already on your board" in response.text
    assert Pipeline.objects.filter(owner=user).count() == 1


def test_removing_the_sample_deletes_what_it_added_and_nothing_else(
    user, stranger, client_for, make_pipeline, make_interviewer
):
    mine = make_pipeline(user, company="Real Company")
    dana = make_interviewer(user, "Dana Real")
    client_for(stranger).post("/sample/")
    client = client_for(user)
    client.post("/sample/")

    response = client.post("/sample/remove/", follow=True)

    assert "The sample data is gone" in response.text
    assert list(Pipeline.objects.filter(owner=user)) == [mine]
    assert list(Interviewer.objects.filter(owner=user)) == [dana]
    assert not Profile.objects.filter(interviewer__owner=user).exclude(interviewer=dana).exists()
    assert Pipeline.objects.filter(owner=stranger).count() == 1
    assert Interviewer.objects.filter(owner=stranger).count() == 3


def test_sample_data_is_added_and_removed_only_by_post(user, client_for):
    client = client_for(user)
    assert client.get("/sample/").status_code == 405
    assert client.get("/sample/remove/").status_code == 405


def test_strangers_are_sent_to_sign_in(client):
    response = client.post("/sample/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Pipeline.objects.exists()
