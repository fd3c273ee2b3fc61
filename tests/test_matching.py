"""People without duplicates: names match ignoring case and accents, and two entries of one
person can be merged."""

import json

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from advisor import dataformat
from advisor.matching import fold, fold_email
from advisor.models import Interviewer, Profile, ResearchTick, Round, Touch

KADIR = "Kad\u0131r Y\u0131ld\u0131z"  # with the Turkish dotless i

# Folding, without the database


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("jose garcia", "José García"),
        ("JOSE GARCIA", "José García"),
        ("strasse", "Straße"),
        ("STRASSE", "STRAẞE"),
        ("lukasz", "Łukasz"),
        ("oyvind", "Øyvind"),
        ("soren", "Søren"),
        ("aesa", "Æsa"),
        ("oeuvre", "Œuvre"),
        ("jose", "Jose\u0301"),  # e followed by a combining acute accent
        ("kadir yildiz", KADIR),
        ("istanbul", "İstanbul"),  # Turkish dotted İ
        ("nguyen van an", "Nguyễn Văn An"),
        ("o'brien", "O\u2019Brien"),
        ("fiona", "ﬁona"),
        ("dana lee", "  Dana   Lee "),
    ],
)
def test_folding_makes_the_typed_and_the_stored_name_one(typed, stored):
    assert fold(typed) == fold(stored)


def test_folding_keeps_letters_that_are_not_accents_apart():
    assert fold("Li") != fold("Lu")
    assert fold("Ana") != fold("Anna")
    assert fold("李伟") == "李伟"


@given(st.text(max_size=40))
def test_folding_is_idempotent_on_any_text(text):
    assert fold(fold(text)) == fold(text)


def test_emails_compare_without_letter_case_or_spaces():
    assert fold_email(" Dana.Lee@Example.COM ") == "dana.lee@example.com"


# The folded key in the database


def test_the_folded_name_is_kept_on_save_and_on_rename(user, make_interviewer):
    person = make_interviewer(user, "José García")
    assert person.name_key == "jose garcia"
    person.name = "Jôsé Garcia-López"
    person.save(update_fields=["name"])
    person.refresh_from_db()
    assert person.name_key == "jose garcia-lopez"


def test_bulk_created_people_get_their_folded_name(user):
    Interviewer.objects.bulk_create(Interviewer(owner=user, name=n) for n in ["Øyvind", KADIR])
    keys = sorted(user.interviewers.values_list("name_key", flat=True))
    assert keys == ["kadir yildiz", "oyvind"]


def test_a_name_longer_once_folded_still_fits_its_column(user, make_interviewer):
    person = make_interviewer(user, "ﷺ" * 200)  # one character that folds to eighteen
    assert len(person.name_key) == 200


# Search and suggestions


def test_the_people_list_finds_a_name_whatever_its_accents(user, client_for, make_interviewer):
    make_interviewer(user, "José García")
    make_interviewer(user, "Søren Kierkegaard")
    make_interviewer(user, "Dana Lee")
    client = client_for(user)

    assert "José García" in client.get(reverse("interviewers"), {"q": "jose garcia"}).text
    assert "José García" in client.get(reverse("interviewers"), {"q": "GARCÍA"}).text
    found = client.get(reverse("interviewers"), {"q": "soren"}).text
    assert "Søren Kierkegaard" in found and "Dana Lee" not in found


def test_attaching_a_name_typed_without_accents_reuses_the_contact(
    user, client_for, make_round, make_interviewer
):
    jose = make_interviewer(user, "José García")
    round_ = make_round(owner=user)
    client_for(user).post(reverse("interview_attach", args=[round_.pk]), {"name": "jose garcia"})
    assert list(round_.interviewers.all()) == [jose]
    assert user.interviewers.count() == 1


# Adding a person who is already there


def test_adding_a_name_already_there_offers_the_existing_person(user, client_for, make_interviewer):
    jose = make_interviewer(user, "José García", company="Initech")
    response = client_for(user).post(reverse("interviewer_new"), {"name": "jose  GARCIA"})
    assert response.status_code == 200
    assert "already have a contact with this name: José García" in response.text
    assert f'href="{jose.get_absolute_url()}"' in response.text
    assert "Add as a new person anyway" not in response.text
    assert user.interviewers.count() == 1


def test_adding_an_email_already_there_warns_and_can_be_overridden(
    user, client_for, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee", email="dana@northwind.example")
    client = client_for(user)
    form = {"name": "D. Lee", "email": "DANA@northwind.example"}

    warned = client.post(reverse("interviewer_new"), form)
    assert "Dana Lee already has this email" in warned.text
    assert f'href="{dana.get_absolute_url()}"' in warned.text
    assert 'name="add_anyway"' in warned.text
    assert user.interviewers.count() == 1

    added = client.post(reverse("interviewer_new"), {**form, "add_anyway": "1"})
    assert added.status_code == 302
    assert user.interviewers.count() == 2


def test_renaming_onto_another_persons_name_offers_to_merge(user, client_for, make_interviewer):
    jose = make_interviewer(user, "José García")
    other = make_interviewer(user, "Pepe")
    response = client_for(user).post(
        reverse("interviewer_edit", args=[other.pk]), {"name": "Jose Garcia"}
    )
    merge = reverse("interviewer_merge", args=[other.pk]) + f"?into={jose.pk}"
    assert f'href="{merge}"' in response.text
    other.refresh_from_db()
    assert other.name == "Pepe"


def test_editing_a_person_keeps_their_own_name_and_email(user, client_for, make_interviewer):
    dana = make_interviewer(user, "Dana Lee", email="dana@northwind.example")
    response = client_for(user).post(
        reverse("interviewer_edit", args=[dana.pk]),
        {"name": "Dana Lée", "email": "dana@northwind.example"},
    )
    assert response.status_code == 302
    dana.refresh_from_db()
    assert dana.name == "Dana Lée"


# The JSON import


def _file(*names, rounds=()):
    return json.dumps(
        {
            "format": dataformat.FORMAT,
            "interviewers": [{"name": name} for name in names],
            "pipelines": [{"company": "Acme", "role": "Engineer", "rounds": list(rounds)}],
        }
    )


def test_import_refuses_a_name_already_in_the_account_with_other_accents(user, make_interviewer):
    make_interviewer(user, "José García")
    with pytest.raises(dataformat.DataFormatError, match=r'"Jose Garcia" \("José García"\)'):
        dataformat.import_account(user, _file("Jose Garcia"))
    assert user.pipelines.count() == 0


def test_import_refuses_two_spellings_of_one_name_in_the_file(user):
    with pytest.raises(dataformat.DataFormatError, match="appears twice in the file"):
        dataformat.import_account(user, _file("Søren Berg", "SOREN BERG"))


def test_a_round_may_name_its_people_without_their_accents(user):
    rounds = [{"name": "Screen", "interviewers": ["soren berg", "Kadir Yildiz"]}]
    dataformat.import_account(user, _file("Søren Berg", KADIR, rounds=rounds))
    round_ = Round.objects.get(pipeline__owner=user)
    assert sorted(round_.interviewers.values_list("name", flat=True)) == [
        KADIR,
        "Søren Berg",
    ]
    assert sorted(user.interviewers.values_list("name_key", flat=True)) == [
        "kadir yildiz",
        "soren berg",
    ]


# Merging, on the model


@pytest.fixture
def two_entries(user, make_interviewer, make_round, make_profile, make_touch):
    """Dana entered twice: the kept entry and a duplicate with its own rounds and records."""
    kept = make_interviewer(user, "Dana Lee", title="Engineering Manager")
    duplicate = make_interviewer(
        user, "Dana Lée", email="dana@northwind.example", company="Northwind", notes="Likes Go."
    )
    shared = make_round(owner=user, name="Onsite", status="done", interviewers=(kept, duplicate))
    own = make_round(owner=user, name="Phone screen", interviewers=(duplicate,))
    make_profile(kept, "linkedin", handle="dana-lee", state="requested")
    make_profile(duplicate, "linkedin", handle="dana-lee-2", state="connected")
    make_profile(kept, "twitter", handle="danalee", state="following")
    make_profile(duplicate, "twitter", handle="danalee", state="none")
    make_profile(duplicate, "github", handle="dana-lee")
    make_touch(kept, "met", round=shared)
    make_touch(duplicate, "met", round=shared)
    make_touch(duplicate, "commented", text="On her post about testing")
    ResearchTick.objects.create(interviewer=kept, item="culture")
    ResearchTick.objects.create(interviewer=duplicate, item="culture")
    ResearchTick.objects.create(interviewer=duplicate, item="posts")
    return kept, duplicate, shared, own


def test_merging_moves_rounds_profiles_touches_and_ticks(two_entries):
    kept, duplicate, shared, own = two_entries

    duplicate.merge_into(kept)

    assert not Interviewer.objects.filter(pk=duplicate.pk).exists()
    assert set(kept.rounds.all()) == {shared, own}
    assert sorted(kept.profiles.values_list("platform", flat=True)) == [
        "github",
        "linkedin",
        "twitter",
    ]
    assert sorted(kept.research_ticks.values_list("item", flat=True)) == ["culture", "posts"]
    assert kept.touches.filter(kind="commented").count() == 1


def test_a_profile_on_a_platform_both_have_keeps_the_more_advanced_state(two_entries):
    kept, duplicate, _shared, _own = two_entries

    duplicate.merge_into(kept)

    states = dict(kept.profiles.values_list("platform", "state"))
    assert states["linkedin"] == Profile.State.CONNECTED  # connected beats requested
    assert states["twitter"] == Profile.State.FOLLOWING  # and following beats none
    assert kept.profiles.get(platform="linkedin").handle == "dana-lee"  # the kept one's handle


@pytest.mark.parametrize(
    ("kept_state", "merged_state", "result"),
    [
        ("none", "requested", "requested"),
        ("requested", "declined", "declined"),
        ("declined", "following", "following"),
        ("connected", "declined", "connected"),
        ("following", "none", "following"),
    ],
)
def test_the_more_advanced_link_state_wins(
    kept_state, merged_state, result, user, make_interviewer, make_profile
):
    kept, merged = make_interviewer(user), make_interviewer(user)
    make_profile(kept, "linkedin", state=kept_state)
    make_profile(merged, "linkedin", state=merged_state)
    merged.merge_into(kept)
    assert kept.profiles.get().state == result


def test_a_meeting_both_recorded_for_one_round_is_kept_once(two_entries):
    kept, duplicate, shared, _own = two_entries

    duplicate.merge_into(kept)

    assert Touch.objects.filter(interviewer=kept, kind="met", round=shared).count() == 1
    assert shared.interviewers.count() == 1


def test_merging_fills_only_the_details_the_kept_person_lacks(two_entries):
    kept, duplicate, _shared, _own = two_entries

    duplicate.merge_into(kept)

    kept.refresh_from_db()
    assert kept.title == "Engineering Manager"
    assert kept.company == "Northwind"
    assert kept.email == "dana@northwind.example"
    assert kept.notes == "Likes Go."
    assert kept.name == "Dana Lee"


def test_a_person_cannot_be_merged_into_themselves_or_someone_elses(
    user, stranger, make_interviewer
):
    mine, theirs = make_interviewer(user), make_interviewer(stranger)
    with pytest.raises(ValueError):
        mine.merge_into(mine)
    with pytest.raises(ValueError):
        mine.merge_into(theirs)
    assert Interviewer.objects.filter(pk=mine.pk).exists()


def test_a_failed_merge_changes_nothing(two_entries, monkeypatch):
    kept, duplicate, _shared, _own = two_entries
    before = dataformat.export_account(kept.owner)

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Interviewer, "delete", fail)
    with pytest.raises(RuntimeError):
        duplicate.merge_into(kept)

    assert dataformat.export_account(kept.owner) == before


# Merging, on the site


def test_the_confirmation_page_lists_what_will_move_and_changes_nothing(two_entries, client_for):
    kept, duplicate, _shared, _own = two_entries
    url = reverse("interviewer_merge", args=[duplicate.pk])

    page = client_for(kept.owner).get(url, {"into": kept.pk}).text

    assert "Merge Dana Lée into Dana Lee?" in page
    assert "Phone screen" in page  # the round that moves
    assert "Onsite" in page  # the round they share
    assert "becomes “connected”" in page
    assert "GitHub: moves" in page
    assert Interviewer.objects.filter(pk=duplicate.pk).exists()


def test_posting_the_merge_keeps_one_person_and_goes_to_them(two_entries, client_for):
    kept, duplicate, _shared, own = two_entries
    url = reverse("interviewer_merge", args=[duplicate.pk])

    response = client_for(kept.owner).post(url, {"into": kept.pk})

    assert response.status_code == 302
    assert response.headers["Location"] == kept.get_absolute_url()
    assert not Interviewer.objects.filter(pk=duplicate.pk).exists()
    assert kept in own.interviewers.all()


def test_the_person_page_offers_merging_with_likely_duplicates(user, client_for, make_interviewer):
    jose = make_interviewer(user, "José García")
    same_email = make_interviewer(user, "J. Garcia", email="jg@example.com")
    middle_name = make_interviewer(user, "Jose Maria Garcia")
    make_interviewer(user, "Jose Lopez")
    jose.email = "JG@example.com"
    jose.save()

    page = client_for(user).get(jose.get_absolute_url()).text

    assert "The same person?" in page
    for person in (same_email, middle_name):
        merge = reverse("interviewer_merge", args=[person.pk]) + f"?into={jose.pk}"
        assert f'href="{merge}"' in page
    assert "Jose Lopez" not in page


def test_the_merge_page_without_a_choice_lists_duplicates_and_finds_by_name(
    user, client_for, make_interviewer
):
    jose = make_interviewer(user, "José García")
    twin = make_interviewer(user, "Jose Garcia Ruiz")
    other = make_interviewer(user, KADIR)
    client = client_for(user)
    url = reverse("interviewer_merge", args=[jose.pk])

    listed = client.get(url).text
    found = client.get(url, {"q": "kadir"}).text

    assert f"?into={twin.pk}" in listed and f"?into={other.pk}" not in listed
    assert f"?into={other.pk}" in found


def test_merging_with_someone_elses_person_is_404_and_changes_nothing(
    user, stranger, client_for, make_interviewer
):
    mine, also_mine = make_interviewer(user), make_interviewer(user)
    theirs = make_interviewer(stranger)
    client = client_for(user)

    into_theirs = reverse("interviewer_merge", args=[mine.pk])
    from_theirs = reverse("interviewer_merge", args=[theirs.pk])

    assert client.get(into_theirs, {"into": theirs.pk}).status_code == 404
    assert client.post(into_theirs, {"into": theirs.pk}).status_code == 404
    assert client.post(from_theirs, {"into": also_mine.pk}).status_code == 404
    assert Interviewer.objects.filter(pk__in=[mine.pk, also_mine.pk, theirs.pk]).count() == 3


def test_merging_a_person_into_themselves_is_refused_with_a_message(
    user, client_for, make_interviewer
):
    dana = make_interviewer(user)
    url = reverse("interviewer_merge", args=[dana.pk])
    response = client_for(user).post(url, {"into": dana.pk}, follow=True)
    assert "cannot be merged into themselves" in response.text
    assert Interviewer.objects.filter(pk=dana.pk).exists()
