"""Whatever a visitor sends, the site answers with a message or stores it and shows it escaped."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_access import ROUTES, url_for

from advisor import dataformat, forms
from advisor.models import Profile, Touch, User
from tests.strategies import NASTY, PAYLOAD, SCRIPT, form_data, hostile_text, import_files

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
hypothesis_settings = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def account(user, make_one_of_each):
    return user, make_one_of_each(user)


# Every form of advisor/forms.py, and how a view builds it.
FORMS = {
    forms.SignupForm: lambda data, files, user, objects: forms.SignupForm(data),
    forms.SettingsForm: lambda data, files, user, objects: forms.SettingsForm(data, instance=user),
    forms.SummaryForm: lambda data, files, user, objects: forms.SummaryForm(data, instance=user),
    forms.StanceForm: lambda data, files, user, objects: forms.StanceForm(data, instance=user),
    forms.DeleteAccountForm: lambda data, files, user, objects: forms.DeleteAccountForm(user, data),
    forms.PipelineForm: lambda data, files, user, objects: forms.PipelineForm(
        data, instance=objects["pipeline"]
    ),
    forms.PipelineStatusForm: lambda data, files, user, objects: forms.PipelineStatusForm(
        data, instance=objects["pipeline"]
    ),
    forms.RoundForm: lambda data, files, user, objects: forms.RoundForm(
        data, instance=objects["round"]
    ),
    forms.RoundStatusForm: lambda data, files, user, objects: forms.RoundStatusForm(data),
    forms.MoveForm: lambda data, files, user, objects: forms.MoveForm(data),
    forms.AttachInterviewerForm: lambda data, files, user, objects: forms.AttachInterviewerForm(
        user, data
    ),
    forms.InterviewerForm: lambda data, files, user, objects: forms.InterviewerForm(
        data, owner=user
    ),
    forms.ProfileForm: lambda data, files, user, objects: forms.ProfileForm(
        data, interviewer=objects["interviewer"]
    ),
    forms.TouchForm: lambda data, files, user, objects: forms.TouchForm(
        data, instance=Touch(interviewer=objects["interviewer"])
    ),
    forms.ProfileTouchForm: lambda data, files, user, objects: forms.ProfileTouchForm(
        data, owner=user
    ),
    forms.InterviewerTouchForm: lambda data, files, user, objects: forms.InterviewerTouchForm(
        data, owner=user
    ),
    forms.ResearchTickForm: lambda data, files, user, objects: forms.ResearchTickForm(data),
    forms.TopicForm: lambda data, files, user, objects: forms.TopicForm(
        data, instance=objects["interviewer"]
    ),
    forms.ImportForm: lambda data, files, user, objects: forms.ImportForm(data, files),
    forms.MergeForm: lambda data, files, user, objects: forms.MergeForm(data),
    forms.InviteForm: lambda data, files, user, objects: forms.InviteForm(data, files),
    forms.LinkedInForm: lambda data, files, user, objects: forms.LinkedInForm(user, data, files),
}
# The routes that take each form's fields.
VIEWS = {
    "settings": forms.SettingsForm,
    "summary_settings": forms.SummaryForm,
    "account_delete": forms.DeleteAccountForm,
    "pipeline_new": forms.PipelineForm,
    "pipeline_edit": forms.PipelineForm,
    "pipeline_status": forms.PipelineStatusForm,
    "interview_new": forms.RoundForm,
    "interview_edit": forms.RoundForm,
    "interview_status": forms.RoundStatusForm,
    "interview_move": forms.MoveForm,
    "interview_attach": forms.AttachInterviewerForm,
    "interviewer_new": forms.InterviewerForm,
    "interviewer_edit": forms.InterviewerForm,
    "profile_new": forms.ProfileForm,
    "profile_edit": forms.ProfileForm,
    "touch_new": forms.TouchForm,
    "record_on_profile": forms.ProfileTouchForm,
    "record_on_interviewer": forms.InterviewerTouchForm,
    "research_tick": forms.ResearchTickForm,
    "interviewer_topic": forms.TopicForm,
    "interview_stance": forms.StanceForm,
    "import": forms.ImportForm,
    "interviewer_merge": forms.MergeForm,
    "invite_import": forms.InviteForm,
    "linkedin_connections": forms.LinkedInForm,
}


def test_every_form_is_covered_here():
    defined = {
        value
        for value in vars(forms).values()
        if isinstance(value, type)
        and issubclass(value, forms.forms.BaseForm)
        and value.__module__ == forms.__name__
    }
    assert defined == set(FORMS)


@pytest.mark.parametrize("form_class", list(FORMS), ids=lambda f: f.__name__)
@hypothesis_settings
@given(data=st.data())
def test_no_input_breaks_a_form(form_class, data, account):
    user, objects = account
    post = form_data(data.draw, form_class)
    upload = data.draw(st.sampled_from([b"", b"{", PAYLOAD.encode(), b"\x00\xff" * 100]))
    files = MultiValueDict({"file": [SimpleUploadedFile("data.json", upload)]})

    with transaction.atomic():
        form = FORMS[form_class](post, files, user, objects)
        if form.is_valid():
            if isinstance(form, forms.forms.ModelForm):
                form.save()
            elif isinstance(form, forms.AttachInterviewerForm):
                form.interviewer()
        else:
            messages = [m for errors in form.errors.values() for m in errors]
            assert messages and all(isinstance(m, str) and m.strip() for m in messages)
        transaction.set_rollback(True)


@pytest.mark.parametrize("form_class", list(FORMS), ids=lambda f: f.__name__)
def test_null_characters_are_refused_by_every_text_field(form_class, account):
    user, objects = account
    text_fields = [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.forms.CharField)
    ]
    for name in text_fields:
        form = FORMS[form_class]({name: "a\x00b"}, {}, user, objects)
        assert not form.is_valid()
        assert "Null characters are not allowed." in form.errors[name]


def view_url(name: str, user, objects) -> str:
    return next(url_for(n, kwargs, user, objects) for n, _, kwargs in ROUTES if n == name)


def assert_shown_escaped(response) -> None:
    assert response.status_code < 500
    assert SCRIPT.encode() not in response.content
    assert b"<img src=x" not in response.content


@pytest.mark.parametrize(("name", "form_class"), VIEWS.items(), ids=list(VIEWS))
@hypothesis_settings
@given(data=st.data())
def test_no_input_breaks_a_page(name, form_class, data, account, client_for):
    user, objects = account
    url = view_url(name, user, objects)
    client = client_for(user)
    post = {name: values[-1] for name, values in form_data(data.draw, form_class).lists()}
    if form_class is forms.ImportForm:
        upload = data.draw(st.binary(max_size=2000) | import_files())
        post["file"] = SimpleUploadedFile("x.json", upload)
    htmx = {"HX-Request": "true"} if data.draw(st.booleans()) else {}

    with transaction.atomic():
        before = dataformat.export_account(User.objects.get(pk=user.pk))
        response = client.post(url, post, headers=htmx)
        assert_shown_escaped(response)
        # The page it leads to shows its messages; what it stored shows on every page.
        pages = [response.headers["Location"]] if response.has_header("Location") else []
        if dataformat.export_account(User.objects.get(pk=user.pk)) != before:
            pages += [url_for(n, kwargs, user, objects) for n, _, kwargs in ROUTES]
        for page in pages:
            assert_page_shows_it_escaped(client.get(page), page)
        transaction.set_rollback(True)


def assert_page_shows_it_escaped(response, url: str) -> None:
    """Only HTML is read by a browser as markup; the JSON, CSV and calendar exports hold raw
    text."""
    assert response.status_code < 500, url
    if response.headers.get("Content-Type", "").startswith("text/html"):
        assert SCRIPT.encode() not in response.content, url
        assert b"<img src=x" not in response.content, url


@pytest.mark.parametrize("page", ["/", "/interviewers/", "/?closed=1"])
@hypothesis_settings
@given(query=hostile_text.filter(lambda q: len(q) < 5000), number=hostile_text)
def test_no_query_string_breaks_a_list(page, query, number, user, client_for):
    response = client_for(user).get(page, {"q": query, "page": number})
    assert_shown_escaped(response)


def test_sign_up_survives_hostile_input(client, db, settings):
    settings.RATE_LIMIT_PER_HOUR = 1000
    for value in NASTY:
        data = {"username": value, "email": value, "password1": value, "password2": value}
        assert_shown_escaped(client.post("/accounts/signup/", data))


def test_a_request_too_large_is_refused_not_crashed(user, client_for):
    response = client_for(user).post("/pipelines/new/", {"notes": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 400


def test_an_import_larger_than_the_limit_is_refused_with_a_message(user, client_for, settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024  # under the request's own limit, MAX_UPLOAD_BYTES
    client = client_for(user)
    upload = SimpleUploadedFile("big.json", b" " * (settings.IMPORT_MAX_BYTES + 1))

    response = client.post("/import/", {"file": upload})

    assert response.status_code == 400
    assert b"errorlist" in response.content or b"error" in response.content
    assert not user.pipelines.exists()


# Stored and shown escaped

STORED = [
    (
        "pipeline_new",
        {"company": "C", "role": "R", "status": "active"},
        ["company", "role", "notes"],
    ),
    (
        "interview_new",
        {"name": "N", "kind": "phone", "status": "planned", "duration_minutes": "60"},
        ["name", "notes"],
    ),
    ("interviewer_new", {"name": "N"}, ["name", "title", "company", "role_relation", "notes"]),
    ("touch_new", {"kind": "other", "at": "2026-11-20T10:00"}, ["text"]),
    ("settings", {"stance": "strategic", "time_zone": "UTC"}, ["display_name"]),
    ("interviewer_topic", {}, ["topic"]),
]


@pytest.mark.parametrize(("name", "base", "fields"), STORED, ids=[s[0] for s in STORED])
def test_html_and_template_syntax_are_stored_and_shown_escaped(
    name, base, fields, account, client_for
):
    user, objects = account
    client = client_for(user)
    data = {**base, **{field: f"{PAYLOAD} {field}" for field in fields}}

    response = client.post(view_url(name, user, objects), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    responses = [
        client.get(url_for(n, kwargs, user, objects))
        for n, _, kwargs in ROUTES
        if n != "account_delete"
    ]
    # Only HTML is read by a browser as markup; the JSON, CSV and calendar exports hold raw text.
    pages = "".join(
        r.content.decode() for r in responses if r.headers["Content-Type"].startswith("text/html")
    )
    pages += client.get(response.headers["Location"]).content.decode()
    assert SCRIPT not in pages
    assert "<img src=x" not in pages
    for field in fields:
        assert f"{ESCAPED_SCRIPT}{{{{ 7|add:1 }}}}" in pages, field
        assert f" {field}" in pages


# Profile links


@hypothesis_settings
@given(
    platform=st.sampled_from(Profile.Platform.values),
    handle=hostile_text,
    url=st.one_of(
        hostile_text,
        st.sampled_from(
            [
                "javascript:alert(1)",
                "JavaScript://github.com/%0aalert(1)",
                "data:text/html,<script>alert(1)</script>",
                "http://github.com/dana",
                "//github.com/dana",
                " https://github.com/dana",
                'https://github.com/dana" onmouseover="alert(1)',
            ]
        ),
    ),
)
def test_a_profile_link_is_https_or_nothing(platform, handle, url):
    link = Profile(platform=platform, handle=handle, url=url).link
    assert link == "" or link.startswith("https://")


def test_a_javascript_profile_address_is_refused(account):
    _, objects = account
    form = forms.ProfileForm(
        {
            "platform": "linkedin",
            "url": "javascript:alert(1)",
            "visibility": "public",
            "tone": "professional",
            "state": "none",
        },
        interviewer=objects["interviewer"],
    )
    assert not form.is_valid()
    assert "url" in form.errors


def test_a_hostile_stored_profile_never_becomes_a_link(account, make_profile, client_for):
    user, objects = account
    make_profile(objects["interviewer"], platform="linkedin", url="javascript:alert(1)")
    make_profile(
        objects["interviewer"], platform="mastodon", handle='@x@"><script>alert(1)</script>'
    )

    page = client_for(user).get(reverse("interviewer", args=[objects["interviewer"].pk]))

    assert b'href="javascript:' not in page.content
    assert SCRIPT.encode() not in page.content
