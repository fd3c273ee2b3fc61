"""Every address of the site, by area: account, board, pipelines and rounds, people."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.db.transaction import non_atomic_requests
from django.urls import include, path

from advisor import views
from advisor.security import PasswordResetConfirmView, PasswordResetView, rate_limited

# Views that hash a password are left out of the request's transaction (AtomicWrites).
account = [
    path("login/", non_atomic_requests(auth_views.LoginView.as_view()), name="login"),
    path("signup/", non_atomic_requests(rate_limited("signup")(views.signup)), name="signup"),
    path(
        "password_change/",
        non_atomic_requests(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "password_reset/",
        rate_limited("password-reset")(PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "reset/<uidb64>/<token>/",
        non_atomic_requests(PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path("", include("django.contrib.auth.urls")),
]

settings_pages = [
    path("", views.account_settings, name="settings"),
    path("delete/", views.account_delete, name="account_delete"),
    path("linkedin/", views.linkedin_connections, name="linkedin_connections"),
    # Both may send a confirmation email: limited like the other forms that send email, and
    # out of the request's transaction, so that no lock waits for the mail server.
    path(
        "summary/",
        non_atomic_requests(rate_limited("email-confirm")(views.summary_settings)),
        name="summary_settings",
    ),
    path(
        "email/confirm/",
        non_atomic_requests(rate_limited("email-confirm")(views.email_confirm_send)),
        name="email_confirm_send",
    ),
    path("calendar/regenerate/", views.calendar_regenerate, name="calendar_regenerate"),
]

pipeline = [
    path("", views.pipeline_detail, name="pipeline"),
    path("edit/", views.pipeline_edit, name="pipeline_edit"),
    path("status/", views.pipeline_status, name="pipeline_status"),
    path("delete/", views.pipeline_delete, name="pipeline_delete"),
    path("rounds/new/", views.round_new, name="interview_new"),
    path("invite/", views.invite_import, name="invite_import"),
]

# The naming rule: what the candidate sees says "interview" (paths, URL names, the templates
# in interviews/); the code says "round", after the model (views round_*, Round).
interview = [
    path("", views.round_detail, name="interview"),
    path("checklist/", views.round_checklist, name="interview_checklist"),
    path("calendar.ics", views.round_ics, name="interview_ics"),
    path("stance/", views.round_stance, name="interview_stance"),
    path("profiles/<int:profile_id>/record/", views.record_on_profile, name="record_on_profile"),
    path("research/", views.company_research, name="company_research"),
    path("edit/", views.round_edit, name="interview_edit"),
    path("status/", views.round_status, name="interview_status"),
    path("move/", views.round_move, name="interview_move"),
    path("delete/", views.round_delete, name="interview_delete"),
    path("interviewers/", views.round_attach, name="interview_attach"),
    path(
        "interviewers/<int:interviewer_id>/",
        include(
            [
                path("record/", views.record_on_interviewer, name="record_on_interviewer"),
                path("thank-you/undo/", views.thank_you_undo, name="thank_you_undo"),
                path("research/", views.research_tick, name="research_tick"),
                path("topic/", views.interviewer_topic, name="interviewer_topic"),
                path("remove/", views.round_detach, name="interview_detach"),
            ]
        ),
    ),
]

person = [
    path("", views.interviewer_detail, name="interviewer"),
    path("edit/", views.interviewer_edit, name="interviewer_edit"),
    path("delete/", views.interviewer_delete, name="interviewer_delete"),
    path("merge/", views.interviewer_merge, name="interviewer_merge"),
    path("profiles/new/", views.profile_new, name="profile_new"),
    path("touches/new/", views.touch_new, name="touch_new"),
]

people = [
    path("", views.interviewer_list, name="interviewers"),
    path("new/", views.interviewer_new, name="interviewer_new"),
    path("suggest/", views.interviewer_suggest, name="interviewer_suggest"),
    path("<int:interviewer_id>/", include(person)),
]

urlpatterns = [
    path("", views.board, name="board"),
    path("sample/", views.sample_add, name="sample_add"),
    path("sample/remove/", views.sample_remove, name="sample_remove"),
    path("undo/", views.status_undo, name="status_undo"),
    path("rules/", views.rules, name="rules"),
    path("accounts/", include(account)),
    path("settings/", include(settings_pages)),
    path("email/confirm/<str:token>/", views.email_confirm, name="email_confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("pipelines/new/", views.pipeline_new, name="pipeline_new"),
    path("pipelines/<int:pipeline_id>/", include(pipeline)),
    path("interviews/<int:round_id>/", include(interview)),
    path("interviewers/", include(people)),
    path("profiles/<int:profile_id>/edit/", views.profile_edit, name="profile_edit"),
    path("profiles/<int:profile_id>/delete/", views.profile_delete, name="profile_delete"),
    path("touches/<int:touch_id>/delete/", views.touch_delete, name="touch_delete"),
    path("export/", views.export_json, name="export"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("import/", views.import_json, name="import"),
    path("calendar/<str:secret>.ics", views.calendar_feed, name="calendar_feed"),
    path("admin/", admin.site.urls),
]
