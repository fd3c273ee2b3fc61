"""How much one account may hold, so that no account can fill the database for everyone.

The limits are settings (QUOTA_PIPELINES, QUOTA_PEOPLE, QUOTA_ROUNDS, QUOTA_TOUCHES). The forms
that add something refuse to go past them, and the import refuses a file that would, before
writing anything; each says which limit, as in "at most 2,000 pipelines".
"""

from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from advisor.models import Interviewer, Pipeline, Round, Touch, User


class Quota(NamedTuple):
    setting: str
    things: str  # as the limit names them: "at most 2,000 pipelines"
    owned: Callable[[User], QuerySet]

    @property
    def limit(self) -> int:
        return getattr(settings, self.setting)

    def check(self, owner: User, adding: int = 1) -> None:
        """Raise ValidationError if adding `adding` would take the account past the limit."""
        if adding and (have := self.owned(owner).count()) + adding > self.limit:
            raise ValidationError(self.refusal(have, adding), code="quota")

    def refusal(self, have: int, adding: int) -> str:
        limit = f"at most {self.limit:,} {self.things}"
        if adding == 1:
            return (
                f"You have {have:,} {self.things}, as many as an account can hold ({limit}). "
                "Delete some you no longer need to add another."
            )
        return (
            f"{self.things}: you have {have:,} and the file adds {adding:,}, but an account "
            f"holds {limit}. Nothing was imported."
        )


PIPELINES = Quota("QUOTA_PIPELINES", "pipelines", lambda u: Pipeline.objects.filter(owner=u))
PEOPLE = Quota("QUOTA_PEOPLE", "people", lambda u: Interviewer.objects.filter(owner=u))
ROUNDS = Quota("QUOTA_ROUNDS", "rounds", lambda u: Round.objects.filter(pipeline__owner=u))
TOUCHES = Quota(
    "QUOTA_TOUCHES", "history entries", lambda u: Touch.objects.filter(interviewer__owner=u)
)
