"""Every address of the site, by area: account, board, pipelines and rounds, people."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.db.transaction import non_atomic_requests
from django.urls import include, path

from advisor import views
from advisor.security import PasswordResetConfirmView, PasswordResetView, rate_limited

urlpatterns = [
    path("", views.board, name="board"),
    path("sample/", views.sample_add, name="sample_add"),
    path("sample/remove/", views.sample_remove, name="sample_remove"),
    # Views that hash a password are left out of the request's transaction (AtomicWrites).
    path("accounts/login/", non_atomic_requests(auth_views.LoginView.as_view()), name="login"),
    path(
        "accounts/signup/",
        non_atomic_requests(rate_limited("signup")(views.signup)),
        name="signup",
    ),
    path(
        "accounts/password_change/",
        non_atomic_requests(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "accounts/password_reset/",
        rate_limited("password-reset")(PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        non_atomic_requests(PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("settings/", views.account_settings, name="settings"),
    path("settings/delete/", views.account_delete, name="account_delete"),
    path("settings/linkedin/", views.linkedin_connections, name="linkedin_connections"),
    # Both may send a confirmation email: limited like the other forms that send email, and
    # out of the request's transaction, so that no lock waits for the mail server.
    path(
        "settings/summary/",
        non_atomic_requests(rate_limited("email-confirm")(views.summary_settings)),
        name="summary_settings",
    ),
    path(
        "settings/email/confirm/",
        non_atomic_requests(rate_limited("email-confirm")(views.email_confirm_send)),
        name="email_confirm_send",
    ),
    path("email/confirm/<str:token>/", views.email_confirm, name="email_confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("pipelines/new/", views.pipeline_new, name="pipeline_new"),
    path("pipelines/<int:pipeline_id>/", views.pipeline_detail, name="pipeline"),
    path("pipelines/<int:pipeline_id>/edit/", views.pipeline_edit, name="pipeline_edit"),
    path("pipelines/<int:pipeline_id>/status/", views.pipeline_status, name="pipeline_status"),
    path("pipelines/<int:pipeline_id>/delete/", views.pipeline_delete, name="pipeline_delete"),
    path("pipelines/<int:pipeline_id>/rounds/new/", views.round_new, name="round_new"),
    path("pipelines/<int:pipeline_id>/invite/", views.invite_import, name="invite_import"),
    path("interviews/<int:round_id>/", views.interview, name="interview"),
    path("interviews/<int:round_id>/checklist/", views.checklist, name="checklist"),
    path("interviews/<int:round_id>/stance/", views.interview_stance, name="interview_stance"),
    path(
        "interviews/<int:round_id>/profiles/<int:profile_id>/record/",
        views.record_on_profile,
        name="record_on_profile",
    ),
    path(
        "interviews/<int:round_id>/interviewers/<int:interviewer_id>/record/",
        views.record_on_interviewer,
        name="record_on_interviewer",
    ),
    path(
        "interviews/<int:round_id>/interviewers/<int:interviewer_id>/thank-you/undo/",
        views.thank_you_undo,
        name="thank_you_undo",
    ),
    path(
        "interviews/<int:round_id>/interviewers/<int:interviewer_id>/research/",
        views.research_tick,
        name="research_tick",
    ),
    path(
        "interviews/<int:round_id>/research/",
        views.company_research,
        name="company_research",
    ),
    path(
        "interviews/<int:round_id>/interviewers/<int:interviewer_id>/topic/",
        views.interviewer_topic,
        name="interviewer_topic",
    ),
    path("interviews/<int:round_id>/edit/", views.round_edit, name="round_edit"),
    path("interviews/<int:round_id>/status/", views.round_status, name="round_status"),
    path("undo/", views.status_undo, name="status_undo"),
    path("interviews/<int:round_id>/move/", views.round_move, name="round_move"),
    path("interviews/<int:round_id>/delete/", views.round_delete, name="round_delete"),
    path(
        "interviews/<int:round_id>/interviewers/",
        views.round_attach,
        name="round_attach",
    ),
    path(
        "interviews/<int:round_id>/interviewers/<int:interviewer_id>/remove/",
        views.round_detach,
        name="round_detach",
    ),
    path("interviewers/", views.interviewer_list, name="interviewers"),
    path("interviewers/new/", views.interviewer_new, name="interviewer_new"),
    path("interviewers/suggest/", views.interviewer_suggest, name="interviewer_suggest"),
    path("interviewers/<int:interviewer_id>/", views.interviewer_detail, name="interviewer"),
    path(
        "interviewers/<int:interviewer_id>/edit/", views.interviewer_edit, name="interviewer_edit"
    ),
    path(
        "interviewers/<int:interviewer_id>/delete/",
        views.interviewer_delete,
        name="interviewer_delete",
    ),
    path(
        "interviewers/<int:interviewer_id>/merge/",
        views.interviewer_merge,
        name="interviewer_merge",
    ),
    path("interviewers/<int:interviewer_id>/profiles/new/", views.profile_new, name="profile_new"),
    path("interviewers/<int:interviewer_id>/touches/new/", views.touch_new, name="touch_new"),
    path("profiles/<int:profile_id>/edit/", views.profile_edit, name="profile_edit"),
    path("profiles/<int:profile_id>/delete/", views.profile_delete, name="profile_delete"),
    path("touches/<int:touch_id>/delete/", views.touch_delete, name="touch_delete"),
    path("rules/", views.rules, name="rules"),
    path("export/", views.export_json, name="export"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("interviews/<int:round_id>/calendar.ics", views.interview_ics, name="interview_ics"),
    path("calendar/<str:secret>.ics", views.calendar_feed, name="calendar_feed"),
    path("settings/calendar/regenerate/", views.calendar_regenerate, name="calendar_regenerate"),
    path("import/", views.import_json, name="import"),
    path("admin/", admin.site.urls),
]
