"""One exception tree for tollwatch. Every message names the input, what went wrong and what
to try next, and carries a stable code (``TW0xx``) that docs/errors.md lists.

    TollwatchError
    ├── ConfigError                 TW001  a setting is missing or unsafe
    ├── IngestError                 TW010  an input could not be read as a report
    │   ├── SourceUnavailable       TW011  a file, folder or URL cannot be opened
    │   ├── UnreadableInput         TW012  binary, empty or wrongly encoded
    │   ├── MalformedRecord         TW013  a JSONL/CSV row or header is broken
    │   └── BadDate                 TW014  a date that cannot be parsed
    │       └── ImplausibleDate     TW015  a date outside the range a report can have
    ├── ExtractionError             TW020
    ├── GeocodeError                TW030
    │   ├── PlaceNotFound           TW031
    │   ├── AmbiguousPlace          TW032
    │   └── GazetteerImportError    TW033
    ├── ReconcileError              TW040
    ├── StoreError                  TW050  the database cannot be reached or migrated
    │   ├── ReportNotFound          TW051
    │   ├── EventNotFound           TW052
    │   ├── ClaimNotFound           TW053
    │   ├── RecordNotFound          TW054  no place, source or ingest failure with that id
    │   ├── DatabaseNotFound        TW055  a read-only command named a database that does not exist
    │   └── BadDatabaseUrl          TW056  --db is neither a database URL nor a file path
    ├── AuthError                   TW060  not logged in, wrong role, bad token
    │   ├── NotAuthenticated        TW061  no valid session or token
    │   ├── PermissionDenied        TW062  logged in, but the role is not enough
    │   ├── TooManyAttempts         TW063  login rate limit reached
    │   ├── CsrfFailure             TW064  missing or wrong CSRF token on a write
    │   └── UserError               TW065  unknown, duplicate or disabled user; bad password
    │       └── WeakPassword        TW066  a password the policy refuses (short, common...)
    ├── ReviewError                 TW070  an impossible review step or override
    ├── AuditChainBroken            TW080  the audit log was edited or rows were deleted
    ├── BadQuery                    TW090  API/export filters that contradict each other
    └── ScaleError                  TW100  a scale-out cluster is unreachable, broken or mismatched
"""

from __future__ import annotations

__all__ = [
    "AmbiguousPlace",
    "AuditChainBroken",
    "AuthError",
    "BadDatabaseUrl",
    "BadDate",
    "BadQuery",
    "ClaimNotFound",
    "ConfigError",
    "CsrfFailure",
    "DatabaseNotFound",
    "EventNotFound",
    "ExtractionError",
    "GazetteerImportError",
    "GeocodeError",
    "ImplausibleDate",
    "IngestError",
    "MalformedRecord",
    "NotAuthenticated",
    "PermissionDenied",
    "PlaceNotFound",
    "ReconcileError",
    "RecordNotFound",
    "ReportNotFound",
    "ReviewError",
    "ScaleError",
    "SourceUnavailable",
    "StoreError",
    "TollwatchError",
    "TooManyAttempts",
    "UnreadableInput",
    "UserError",
    "WeakPassword",
]


class TollwatchError(Exception):
    """Root of every error tollwatch raises on purpose."""

    code = "TW000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"{self.code}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ConfigError(TollwatchError):
    code = "TW001"


class IngestError(TollwatchError):
    code = "TW010"


class SourceUnavailable(IngestError):
    code = "TW011"


class UnreadableInput(IngestError):
    code = "TW012"


class MalformedRecord(IngestError):
    code = "TW013"


class BadDate(IngestError):
    code = "TW014"


class ImplausibleDate(BadDate):
    code = "TW015"


class ExtractionError(TollwatchError):
    code = "TW020"


class GeocodeError(TollwatchError):
    code = "TW030"


class PlaceNotFound(GeocodeError):
    code = "TW031"


class AmbiguousPlace(GeocodeError):
    code = "TW032"


class GazetteerImportError(GeocodeError):
    code = "TW033"


class ReconcileError(TollwatchError):
    code = "TW040"


class StoreError(TollwatchError):
    code = "TW050"


class ReportNotFound(StoreError):
    code = "TW051"


class EventNotFound(StoreError):
    code = "TW052"


class ClaimNotFound(StoreError):
    code = "TW053"


class RecordNotFound(StoreError):
    code = "TW054"


class DatabaseNotFound(StoreError):
    code = "TW055"


class BadDatabaseUrl(StoreError):
    code = "TW056"


class AuthError(TollwatchError):
    code = "TW060"


class NotAuthenticated(AuthError):
    code = "TW061"


class PermissionDenied(AuthError):
    code = "TW062"


class TooManyAttempts(AuthError):
    code = "TW063"


class CsrfFailure(AuthError):
    code = "TW064"


class UserError(AuthError):
    code = "TW065"


class WeakPassword(UserError):
    """A password the policy refuses: too short or long, control characters, a common
    password or a variation of one, or the user's own name."""

    code = "TW066"


class ReviewError(TollwatchError):
    code = "TW070"


class AuditChainBroken(TollwatchError):
    code = "TW080"


class BadQuery(TollwatchError):
    code = "TW090"


class ScaleError(TollwatchError):
    code = "TW100"
