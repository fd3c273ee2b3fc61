"""A signed-in visitor who puts another account's ids and names in their own forms and links
reaches nothing of that account: for every route of the URLconf, on their own objects."""

from functools import reduce
from operator import or_

import pytest
from django import forms as django_forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from test_access import PLAUSIBLE_POSTS, ROUTES, url_for

from advisor import forms
from advisor.models import User

# The owner's person and company: the stranger's pages must never show them, even when the
# stranger searches for them by first name.
OWNER_NAME = "Zelda Ownerton"
OWNER_COMPANY = "Ownerco"
SEARCHED = "Zelda"
# Fields of the site's forms that take a number (an id, perhaps), and the names a view could
# read an object's id from.
ID_FIELDS = sorted(
    {
        name
        for form in vars(forms).values()
        if isinstance(form, type) and issubclass(form, django_forms.BaseForm)
        for name, field in form.base_fields.items()
        if isinstance(field, django_forms.IntegerField | django_forms.ModelChoiceField)
    }
    | {"pipeline", "round", "interviewer", "profile", "touch", "into", "owner", "user", "pk"}
    | {"pipeline_id", "round_id", "interviewer_id", "profile_id", "touch_id", "id"}
)
# How a row leads to the account it belongs to.
OWNERSHIP = ["owner", "user", "pipeline__owner", "interviewer__owner", "round__pipeline__owner"]


def _leads_to(model, path: str) -> bool:
    for part in path.split("__"):
        try:
            model = model._meta.get_field(part).related_model
        except FieldDoesNotExist:
            return False
        if model is None:
            return False
    return True


def owned_rows(owner: User) -> dict[str, list[str]]:
    """Every row of the site's tables that is the owner's or points at anything of theirs (a
    stranger's round with the owner's person in it, a touch on the owner's round)."""
    rows = {}
    for model in apps.get_app_config("advisor").get_models(include_auto_created=True):
        if model is User:
            found = User.objects.filter(pk=owner.pk)
        else:
            paths = [path for path in OWNERSHIP if _leads_to(model, path)]
            assert paths, f"Teach OWNERSHIP whose a {model.__name__} is."
            found = model.objects.filter(reduce(or_, (Q(**{path: owner}) for path in paths)))
        rows[model._meta.label] = sorted(map(repr, found.distinct().values()))
    return rows


@pytest.fixture
def two_accounts(make_user, make_one_of_each, stranger):
    owner = make_user("owner")
    theirs = make_one_of_each(owner)
    theirs["interviewer"].name = OWNER_NAME
    theirs["interviewer"].save()
    theirs["pipeline"].company = OWNER_COMPANY
    theirs["pipeline"].save()
    return owner, theirs, stranger, make_one_of_each(stranger)


def test_every_id_field_of_the_forms_is_tried():
    assert "into" in ID_FIELDS
    assert {"pipeline", "round", "interviewer", "profile", "touch"} <= set(ID_FIELDS)


@pytest.mark.parametrize(("name", "route", "kwargs"), ROUTES, ids=lambda r: str(r))
def test_a_strangers_own_forms_given_someone_elses_ids_reach_nothing_of_theirs(
    name, route, kwargs, two_accounts, client_for
):
    owner, theirs, stranger, own = two_accounts
    url = url_for(name, kwargs, stranger, own)
    client = client_for(stranger)
    before = owned_rows(owner)
    mixed = [{field: obj.pk for field in ID_FIELDS} for obj in theirs.values()]

    for ids in mixed:
        page = client.get(url, {**ids, "q": SEARCHED, "name": SEARCHED})
        assert page.status_code < 500, url
        assert "Ownerton" not in page.getvalue().decode(errors="replace"), url
        assert OWNER_COMPANY not in page.getvalue().decode(errors="replace"), url
    for ids in mixed:
        for data in PLAUSIBLE_POSTS:
            response = client.post(url, {**data, **ids, "name": OWNER_NAME})
            assert response.status_code < 500, url

    assert owned_rows(owner) == before
