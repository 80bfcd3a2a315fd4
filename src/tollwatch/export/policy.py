"""How free text is shown to whoever reads an API response or an export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["ORIGINAL", "TextPolicy"]


@dataclass(frozen=True, slots=True)
class TextPolicy:
    """``redact`` removes names of people (None = originals, for analysts and admins);
    ``show_sensitive`` says whether words from a report marked sensitive may be shown
    (its numbers always count and are always shown)."""

    redact: Callable[[str], str] | None = None
    show_sensitive: bool = False

    @property
    def redacting(self) -> bool:
        return self.redact is not None

    def text(self, value: str | None) -> str | None:
        """``value`` as this reader may see it."""
        if value is None or self.redact is None:
            return value
        return self.redact(value)

    def report_text(self, value: str | None, *, sensitive: bool) -> str | None:
        """Words from a report: hidden entirely when it is sensitive and the reader may not."""
        if sensitive and not self.show_sensitive:
            return None
        return self.text(value)

    def url(self, value: str | None, *, sensitive: bool) -> str | None:
        """A report's URL: whole for readers of originals; otherwise only the site
        (``https://example.org/``), because article slugs often carry a witness's name;
        nothing for a sensitive report."""
        if value is None or self.redact is None:
            return value
        if sensitive and not self.show_sensitive:
            return None
        parts = urlsplit(value)
        if not parts.scheme or not parts.netloc:
            return None
        host = parts.hostname or ""
        return f"{parts.scheme}://{host}/"


#: Originals, sensitive reports included: analysts, admins, internal tooling.
ORIGINAL = TextPolicy(redact=None, show_sensitive=True)
