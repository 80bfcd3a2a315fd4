"""Tamper-evident audit log: every write appends who, when, what, before and after.

Entries are hash-chained (see ``chain``); ``verify`` walks the chain and reports any edited,
removed or reordered entry. Writers call ``record(conn, actor, action, target, before, after)``
on the connection of their own transaction.
"""

from tollwatch.audit.chain import GENESIS, AuditEntry, ChainProblem, canonical_json, find_problems
from tollwatch.audit.log import iter_entries, record, verify, verify_or_raise

__all__ = [
    "GENESIS",
    "AuditEntry",
    "ChainProblem",
    "canonical_json",
    "find_problems",
    "iter_entries",
    "record",
    "verify",
    "verify_or_raise",
]
