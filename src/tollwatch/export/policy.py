"""How free text is shown to whoever reads an API response or an export."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["ORIGINAL", "InReport", "TextPolicy"]

#: ``(value, report_id, attribution) -> value`` with the names found in ``value`` and in the
#: text of report ``report_id`` withheld (``attribution``: ``value`` says who a claim is
#: attributed to).
InReport = Callable[[str, str | None, bool], str]


@dataclass(frozen=True, slots=True)
class TextPolicy:
    """``redact`` removes names of people (None = originals, for analysts and admins);
    ``show_sensitive`` says whether words from a report marked sensitive may be shown
    (its numbers always count and are always shown); ``in_report`` redacts a report's title,
    quote or attribution with the names found in the report's whole text (a title such as
    "Bulama Modu recalls the night" has no cue of its own)."""

    redact: Callable[[str], str] | None = None
    show_sensitive: bool = False
    in_report: InReport | None = None

    @property
    def redacting(self) -> bool:
        return self.redact is not None

    def text(self, value: str | None, *, report_id: str | None = None) -> str | None:
        """``value`` as this reader may see it (``report_id``: the report it comes from)."""
        if value is None or self.redact is None:
            return value
        if self.in_report is not None and report_id is not None:
            return self.in_report(value, report_id, False)
        return self.redact(value)

    def report_text(
        self, value: str | None, *, sensitive: bool, report_id: str | None = None
    ) -> str | None:
        """Words from a report: hidden entirely when it is sensitive and the reader may not."""
        if sensitive and not self.show_sensitive:
            return None
        return self.text(value, report_id=report_id)

    def attribution(
        self, value: str | None, *, sensitive: bool, report_id: str | None = None
    ) -> str | None:
        """Who a claim is attributed to: a person's name in it is withheld ("a community
        leader, [name withheld]"), organisations stay; nothing for a sensitive report."""
        if value is None or self.redact is None:
            return value
        if sensitive and not self.show_sensitive:
            return None
        if self.in_report is not None:
            return self.in_report(value, report_id, True)
        return self.redact(value)

    def source_entity(
        self,
        value: str | None,
        *,
        attributed_to: str | None,
        sensitive: bool,
        report_id: str | None = None,
    ) -> str | None:
        """The key of who a claim is attributed to. Keys of speakers outside the curated list
        are made from the attribution's words ("org:bulama-modu"), so a key holding a word
        withheld from the attribution is itself withheld ("withheld")."""
        if value is None or self.redact is None or attributed_to is None:
            return value
        shown = self.attribution(attributed_to, sensitive=sensitive, report_id=report_id)
        if shown == attributed_to:
            return value
        hidden = _words(attributed_to) - _words(shown or "")
        return "withheld" if hidden & _words(value) else value

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


def _words(value: str) -> set[str]:
    return {w for w in re.split(r"[^\w]+", value.casefold()) if len(w) >= 3}


#: Originals, sensitive reports included: analysts, admins, internal tooling.
ORIGINAL = TextPolicy(redact=None, show_sensitive=True)
