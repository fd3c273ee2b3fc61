"""System checks of the site's own settings; `manage.py check --deploy` runs the deploy ones."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs) -> list:
    """Emails link back to the site (the summary, its unsubscribe link, the confirmation), and
    a command has no request to take the address from."""
    url = getattr(settings, "SITE_URL", "")
    parts = urlsplit(url)
    if not url or parts.scheme not in ("http", "https") or not parts.netloc:
        return [
            Error(
                "SITE_URL is not set to the site's address.",
                hint="Set the SITE_URL environment variable, e.g. https://advisor.example.com; "
                "emails' links are made from it.",
                id="advisor.E001",
            )
        ]
    if parts.scheme != "https":
        return [
            Warning(
                f"SITE_URL ({url}) is not an https:// address.",
                hint="Links in emails, the unsubscribe link among them, would travel unencrypted.",
                id="advisor.W001",
            )
        ]
    return []
