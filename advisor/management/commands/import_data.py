"""Add the contents of an interview-advisor/1 JSON file to a user's account."""

import sys

from django.core.management.base import BaseCommand, CommandError

from advisor import dataformat
from advisor.models import User


class Command(BaseCommand):
    help = (
        "Import a JSON file made by export_data or the site's Export page into a user's account. "
        "Nothing is written unless the whole file is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON file to import, or - to read standard input")
        parser.add_argument("--user", required=True, help="the username to import into")

    def handle(self, *args, **options):
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"There is no user called {options['user']!r}.") from None
        path = options["file"]
        try:
            if path == "-":
                raw = sys.stdin.buffer.read()
            else:
                with open(path, "rb") as file:
                    raw = file.read()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            summary = dataformat.import_account(user, raw)
        except dataformat.DataFormatError as error:
            raise CommandError(f"{path} was not imported: {error}") from None
        self.stdout.write(f"Imported {summary}.")
