"""What the management commands share: finding the user they act for, reading their file."""

import sys

from django.core.management.base import CommandError

from advisor.models import User


def user_named(username: str) -> User:
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"There is no user called {username!r}.") from None


def read_input(path: str, limit: int = -1) -> bytes:
    """The file's bytes (at most `limit`, all by default); `-` reads standard input."""
    try:
        if path == "-":
            return sys.stdin.buffer.read(limit)
        with open(path, "rb") as file:
            return file.read(limit)
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from None
