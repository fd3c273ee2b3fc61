"""What each platform's handles and profile addresses look like, and how to link to a handle."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class PlatformSpec:
    label: str
    handle_pattern: str  # a full-match regex, after a leading "@" is stripped (except Mastodon)
    handle_help: str
    hosts: frozenset[str]  # empty: any https host (Mastodon servers)
    profile_link: str  # format string with {handle}; "" when the platform has no profile pages
    path_pattern: str = r"[^/].*"  # a full match on the URL path without its first "/"
    path_help: str = ""


SPECS: dict[str, PlatformSpec] = {
    "linkedin": PlatformSpec(
        "LinkedIn",
        r"[A-Za-z0-9][A-Za-z0-9_-]{2,99}",
        "the part after linkedin.com/in/, like dana-lee",
        frozenset({"linkedin.com", "www.linkedin.com"}),
        "https://www.linkedin.com/in/{handle}/",
        r"in/[^/]+/?",
        "a person's profile, like https://www.linkedin.com/in/dana-lee",
    ),
    "twitter": PlatformSpec(
        "Twitter/X",
        r"[A-Za-z0-9_]{1,15}",
        "up to 15 letters, digits or underscores, like dana_lee",
        frozenset({"twitter.com", "www.twitter.com", "x.com", "www.x.com", "mobile.twitter.com"}),
        "https://x.com/{handle}",
    ),
    "facebook": PlatformSpec(
        "Facebook",
        r"[A-Za-z0-9.]{5,50}",
        "at least 5 letters, digits or dots, like dana.lee",
        frozenset({"facebook.com", "www.facebook.com", "m.facebook.com", "fb.com"}),
        "https://www.facebook.com/{handle}",
    ),
    "wechat": PlatformSpec(
        "WeChat",
        r"[A-Za-z][A-Za-z0-9_-]{5,19}",
        "a WeChat ID: 6 to 20 characters, starting with a letter",
        frozenset(),
        "",
    ),
    "instagram": PlatformSpec(
        "Instagram",
        r"[A-Za-z0-9._]{1,30}",
        "up to 30 letters, digits, dots or underscores",
        frozenset({"instagram.com", "www.instagram.com"}),
        "https://www.instagram.com/{handle}/",
    ),
    "bluesky": PlatformSpec(
        "Bluesky",
        r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}",
        "a domain handle, like dana.bsky.social",
        frozenset({"bsky.app"}),
        "https://bsky.app/profile/{handle}",
    ),
    "mastodon": PlatformSpec(
        "Mastodon",
        r"@?[A-Za-z0-9_]{1,30}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}",
        "the full address, like @dana@hachyderm.io",
        frozenset(),
        "",  # derived from the server part, see profile_link()
        r"@[A-Za-z0-9_]{1,30}/?",
        "the profile on its server, like https://hachyderm.io/@dana",
    ),
    "threads": PlatformSpec(
        "Threads",
        r"[A-Za-z0-9._]{1,30}",
        "up to 30 letters, digits, dots or underscores",
        frozenset({"threads.net", "www.threads.net", "threads.com", "www.threads.com"}),
        "https://www.threads.com/@{handle}",
    ),
    "github": PlatformSpec(
        "GitHub",
        r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}",
        "up to 39 letters, digits or single hyphens, like dana-lee",
        frozenset({"github.com", "www.github.com"}),
        "https://github.com/{handle}",
    ),
}

_HOSTNAME = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def normalise_handle(platform: str, handle: str) -> str:
    handle = handle.strip()
    if platform == "mastodon":
        return handle if handle.startswith("@") or not handle else "@" + handle
    return handle.removeprefix("@")


def handle_error(platform: str, handle: str) -> str | None:
    """Why this handle is not valid on the platform, or None when it is."""
    spec = SPECS[platform]
    if not re.fullmatch(spec.handle_pattern, handle):
        return f"This is not a {spec.label} handle: use {spec.handle_help}."
    return None


def url_error(platform: str, url: str) -> str | None:
    """Why this address cannot be the interviewer's profile on the platform, or None."""
    spec = SPECS[platform]
    if platform == "wechat":
        return "WeChat has no public profile pages: give the WeChat ID as the handle instead."
    parts = urlsplit(url.strip())
    if parts.scheme != "https":
        return "Give a profile address that starts with https://."
    host = (parts.hostname or "").lower()
    if platform == "linkedin" and host.endswith(".linkedin.com"):
        host = "www.linkedin.com"  # country editions: uk.linkedin.com/in/...
    if spec.hosts:
        if host not in spec.hosts:
            shown = ", ".join(sorted(h for h in spec.hosts if not h.startswith(("www.", "m."))))
            return f"A {spec.label} profile address is on {shown}."
    elif not _HOSTNAME.fullmatch(host):
        return "Give the address of the profile on its Mastodon server, like https://hachyderm.io/@dana."
    if parts.username or parts.password or parts.port not in (None, 443):
        return "Give a plain profile address, without a user name or port."
    if len(parts.path.strip("/")) == 0:
        return f"This is the {spec.label} home page, not a profile: add the profile's path."
    if not re.fullmatch(spec.path_pattern, parts.path[1:]):
        return f"This is not a profile address: give {spec.path_help}."
    return None


def profile_link(platform: str, handle: str, url: str) -> str:
    """The https address of the profile, from the URL given or derived from the handle."""
    if url:
        return url
    if not handle:
        return ""
    if platform == "mastodon":
        user, _, server = handle.removeprefix("@").partition("@")
        return f"https://{server}/@{user}" if user and server else ""
    template = SPECS[platform].profile_link
    return template.format(handle=handle) if template else ""
