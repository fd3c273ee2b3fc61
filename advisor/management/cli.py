"""What the management commands share: finding the user they act for, reading their file."""

import sys

from django.core.management.base import BaseCommand, CommandError

from advisor.models import User
from advisor.overview import data_changed


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


class ImportCommand(BaseCommand):
    """Reads one file (`-` for standard input) into the account of `--user`. A file refused
    with `refused` stops the command, naming the file and the reason; else `report` is printed."""

    file_help = "the file to import, or - to read standard input"
    user_help = "the username to import into"
    refused: type[Exception] = Exception

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)
        parser.add_argument("--user", required=True, help=self.user_help)

    def handle(self, *args, **options):
        user = user_named(options["user"])
        path = options["file"]
        raw = read_input(path)
        try:
            report = self.import_into(user, raw)
        except self.refused as error:
            raise CommandError(f"{path} was not imported: {error}") from None
        finally:
            data_changed(user.pk)  # as a request that writes would (middleware)
        self.stdout.write(report)

    def import_into(self, user: User, raw: bytes) -> str:
        """Import the file's bytes; what to tell the person who ran the command."""
        raise NotImplementedError
