"""Mark a user's people connected on LinkedIn from LinkedIn's own Connections.csv."""

from advisor import linkedin_import
from advisor.management.cli import ImportCommand


class Command(ImportCommand):
    help = (
        "Read Connections.csv from LinkedIn's data export and mark the user's matching people "
        "connected on LinkedIn. Creates no people; importing the same file again changes nothing."
    )
    file_help = "Connections.csv, or - to read standard input"
    user_help = "the username to update"
    refused = linkedin_import.ConnectionsError

    def import_into(self, user, raw):
        outcome = linkedin_import.import_connections(user, raw)
        ambiguous = [f"Ambiguous (line {r.line}): {r.name or r.url}" for r in outcome.ambiguous]
        return "\n".join([linkedin_import.summary(outcome), *ambiguous])
