"""Event coding: ACLED event types, sub-event types and actors, UCDP's type of violence.

``code_event(text, country=..., perpetrator=..., category=...)`` is pure (words in, a
``Coding`` out); ``actors.KNOWN_GROUPS`` documents the actors recognised by name and
``actors.INTER_NAMES`` ACLED's inter codes. docs/coding.md explains the rules.
"""

from tollwatch.coding.actors import INTER_NAMES, actor_key
from tollwatch.coding.core import EVENT_TYPES, Actor, Coding, code_event

__all__ = ["EVENT_TYPES", "INTER_NAMES", "Actor", "Coding", "actor_key", "code_event"]
