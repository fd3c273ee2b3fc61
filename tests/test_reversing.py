"""Addresses reversed once for many ids read exactly as reverse() gives each."""

from django.urls import reverse

from advisor.reversing import url_for


def test_an_address_built_once_reads_as_reverse_for_every_id():
    record = url_for("record_on_interviewer", 7)
    assert [record(pk) for pk in (1, 42)] == [
        reverse("record_on_interviewer", args=[7, pk]) for pk in (1, 42)
    ]


def test_an_address_with_only_the_id_reads_as_reverse():
    assert url_for("interviewer")(12) == reverse("interviewer", args=[12])


def test_a_fixed_argument_that_looks_like_the_placeholder_stays_as_it_is():
    record = url_for("record_on_interviewer", 918273645)
    assert record(5) == reverse("record_on_interviewer", args=[918273645, 5])
