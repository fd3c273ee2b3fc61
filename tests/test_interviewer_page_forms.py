"""A person's page folds its two forms as links: htmx fetches a form when it is unfolded, and
without JavaScript the link opens the page with the form."""

import pytest

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize(
    ("section", "field"), [("add-profile", 'name="platform"'), ("add-touch", 'name="kind"')]
)
def test_a_folded_form_comes_as_a_link_and_loads_alone(
    user, client_for, make_interviewer, section, field
):
    dana = make_interviewer(user, "Dana Lee")
    client = client_for(user)
    page = client.get(dana.get_absolute_url()).text
    assert f'href="{dana.get_absolute_url()}?section={section}#{section}"' in page
    assert field not in page
    form = client.get(f"{dana.get_absolute_url()}?section={section}", **HTMX).text
    assert field in form and "<html" not in form


def test_without_javascript_the_link_opens_the_page_with_the_form(
    user, client_for, make_interviewer
):
    dana = make_interviewer(user, "Dana Lee")
    page = client_for(user).get(f"{dana.get_absolute_url()}?section=add-touch").text
    assert '<details id="add-touch" open>' in page
    assert 'name="kind"' in page and "<html" in page


def test_a_refused_entry_reopens_its_form_with_what_was_typed(user, client_for, make_interviewer):
    dana = make_interviewer(user, "Dana Lee")
    response = client_for(user).post(
        f"{dana.get_absolute_url()}touches/new/", {"kind": "commented", "at": "", "text": "Kept"}
    )
    assert response.status_code == 400
    assert '<details id="add-touch" open>' in response.text
    assert 'value="Kept"' in response.text


def test_someone_elses_form_is_404(stranger, client_for, user, make_interviewer):
    dana = make_interviewer(user, "Dana Lee")
    url = f"{dana.get_absolute_url()}?section=add-profile"
    assert client_for(stranger).get(url, **HTMX).status_code == 404
