"""Find the people named in a text: spaCy PERSON entities plus the rules, then every other
occurrence of those names (the surname alone: "Ali Sheha ... Sheha said").

``find_names`` is pure given the loaded pipeline; ``load_pipeline`` is the cached edge.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from tollwatch.redact.arabic import arabic_mentions
from tollwatch.redact.nonpeople import PlaceFinder, is_organisation
from tollwatch.redact.rules import LEADING_TITLE, STOPWORDS, NameMention, rule_mentions

__all__ = ["DETECTOR_VERSION", "find_names", "load_pipeline", "name_key", "name_parts"]

#: Changes whenever what ``find_names`` returns for a text may change (cached results made
#: by an older version are not reused).
DETECTOR_VERSION = "3"
# Mentions found without a person's cue, which a place or organisation decision may undo.
_WEAK_RULES = frozenset(
    {
        "ner",
        "speech",
        "given",
        "repeat",
        "role_loose",
        "apposition_one",
        "who_one",
        "possessive_kin",
    }
)

_PARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "as",
        "ash",
        "at",
        "bin",
        "ibn",
        "bint",
        "abu",
        "umm",
        "um",
        "de",
        "da",
        "del",
        "van",
        "von",
        "der",
        "le",
        "la",
        # Arabic script: "son/daughter of", "father/mother of", "servant of", "family of"
        "\u0628\u0646",
        "\u0628\u0646\u062a",
        "\u0627\u0628\u0646",
        "\u0623\u0628\u0648",
        "\u0627\u0628\u0648",
        "\u0623\u0645",
        "\u0627\u0645",
        "\u0639\u0628\u062f",
        "\u0622\u0644",
        "\u0627\u0644\u0644\u0647",  # "God", in "Abd Allah": not a name by itself
    ]
)
_SPACE = re.compile(r"\s+")
_NAME_WORD = re.compile(r"^[A-Z\u00c0-\u00de][\w'\u2019.-]*$")
_JOINERS = frozenset({"'s", "\u2019s"})
_POSSESSIVE = re.compile(r"['\u2019]s$")


def name_key(name: str) -> str:
    """How names are compared: casefolded, quotes straightened, spaces folded, no possessive."""
    name = name.replace("\u2019", "'").strip()
    name = _POSSESSIVE.sub("", name)
    return _SPACE.sub(" ", name).casefold()


def name_parts(name: str) -> set[str]:
    """The words of a name that identify someone on their own (not particles or stopwords)."""
    parts: set[str] = set()
    for word in name_key(name).replace("-", " ").split():
        if len(word) >= 3 and word not in _PARTICLES and word not in STOPWORDS:
            parts.add(word)
    key = name_key(name)
    for word in key.split():
        # keep hyphenated forms whole too: "al-hassan"
        if "-" in word and len(word) >= 4:
            parts.add(word)
    return parts


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Any:
    """The spaCy pipeline with only what NER needs (loaded once per process)."""
    import spacy

    nlp = spacy.load(model, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    return nlp


def _ner_mentions(text: str, doc: Any) -> list[NameMention]:
    found: list[NameMention] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start = ent.start_char
        end = start
        for token in ent:  # keep the leading run of name-like words: "Sahel Wire - 21" -> 2
            word = token.text
            joined = word == "-" and token.idx == end and token.i + 1 < ent.end
            if not (
                _NAME_WORD.match(word)
                or word.casefold() in _PARTICLES
                or word in _JOINERS
                or joined
            ):
                break
            end = token.idx + len(word)
        words = text[start:end].split()
        while len(words) > 1 and LEADING_TITLE.fullmatch(words[0].rstrip(".,")):
            start += len(words[0])
            start += len(text[start:end]) - len(text[start:end].lstrip())
            words = words[1:]
        while end > start and text[end - 1] in "-'\u2019 \t\n":
            end -= 1
        chunk = text[start:end]
        match = _POSSESSIVE.search(chunk)
        if match:
            end -= len(match.group(0))
        words = text[start:end].split()
        if not words or all(w.casefold() in STOPWORDS for w in words):
            continue
        if not any(ch.isupper() for ch in text[start:end]):
            continue
        found.append(NameMention(start, end, text[start:end], "ner"))
    return found


def _repeats(text: str, names: set[str]) -> list[NameMention]:
    """Every occurrence of a found name or of one of its identifying words."""
    words: set[str] = set()
    for name in names:
        words.add(name)
        words |= name_parts(name)
    if not words:
        return []
    alternatives = sorted(words, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(w) for w in alternatives) + r")(?![\w])",
        re.IGNORECASE,
    )
    found: list[NameMention] = []
    for match in pattern.finditer(text):
        chunk = match.group(0)
        if chunk[:1].islower():
            continue  # "sheha" in lower case is not the name; names are capitalised here
        found.append(NameMention(match.start(), match.end(), chunk, "repeat"))
    return found


def _people_only(
    text: str, mentions: list[NameMention], places: list[tuple[int, int]]
) -> list[NameMention]:
    """Drop mentions found without a person's cue that are an organisation or armed group
    ("Boko Haram fighters") or a place the gazetteer resolves where a place stands."""
    out = []
    for m in mentions:
        if m.rule in _WEAK_RULES and (
            is_organisation(text, m.start, m.end)
            or any(s <= m.start and m.end <= e for s, e in places)
        ):
            continue
        out.append(m)
    return out


def find_names(
    text: str,
    nlp: Any | None = None,
    *,
    doc: Any | None = None,
    places: PlaceFinder | None = None,
) -> tuple[NameMention, ...]:
    """Every mention of a person's name in ``text``, sorted, overlaps kept (the caller merges).

    ``nlp`` is a loaded spaCy pipeline with NER (or pass ``doc``, already parsed, e.g. from
    ``nlp.pipe``); without either only the rules run. ``places`` gives the spans that are
    places, not people (``tollwatch.redact.nonpeople.gazetteer_places``).
    """
    mentions = list(rule_mentions(text))
    mentions.extend(arabic_mentions(text))
    if doc is None and nlp is not None:
        from tollwatch.extract.service import CHUNK_CHARS, chunk_spans

        if len(text) > CHUNK_CHARS:
            # a very long report (over spaCy's max_length) is read piece by piece, as
            # extraction reads it; each piece's names are moved back onto the whole text
            for start, end in chunk_spans(text):
                for m in _ner_mentions(text[start:end], nlp(text[start:end])):
                    mentions.append(NameMention(m.start + start, m.end + start, m.text, m.rule))
        else:
            doc = nlp(text)
    if doc is not None:
        mentions.extend(_ner_mentions(text, doc))
    place_spans = places(text) if places is not None else []
    mentions = _people_only(text, mentions, place_spans)
    names = {name_key(m.text) for m in mentions}
    mentions.extend(_people_only(text, _repeats(text, names), place_spans))
    return tuple(sorted(set(mentions), key=lambda m: (m.start, -m.end)))
