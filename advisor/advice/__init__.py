"""Interview Advisor's advice engine: pure Python, no Django.

Public API: the slugs (``Stance``, ``Progress``, ``Platform``...), the rule table ``RULES``,
the research checklist ``RESEARCH_ITEMS``, ``RISK_BY_PROGRESS``, the input facts
(``Candidate``, ``Meeting``, ``ProfileFacts``, ``TouchFacts``), the outputs
(``InterviewerAdvice``, ``PlatformAdvice``, ``Draft``...) and the functions ``derive_progress``,
``advise``, ``advise_platform``, ``preview_after_round`` and ``stage_path``; ``agenda`` orders
a round's things to do today (``today.py``). See ``engine.py`` for the evaluation order and
the APP decisions, ``drafts.py`` for how notes shorten to fit.
"""

# Each module names its public API in __all__; the package offers all of them, listed once.
from . import drafts, engine, facts, rules, today
from .drafts import *  # noqa: F403
from .engine import *  # noqa: F403
from .facts import *  # noqa: F403
from .rules import *  # noqa: F403
from .today import *  # noqa: F403

__all__ = [*rules.__all__, *facts.__all__, *drafts.__all__, *engine.__all__, *today.__all__]
