"""The advisor app's configuration."""

from django.apps import AppConfig


class AdvisorConfig(AppConfig):
    name = "advisor"
    verbose_name = "Interview Advisor"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from advisor import checks, security  # noqa: F401 (checks registers itself)

        user_logged_in.connect(security.log_sign_in, dispatch_uid="advisor-sign-in")
        user_login_failed.connect(security.log_failed_sign_in, dispatch_uid="advisor-failed")
