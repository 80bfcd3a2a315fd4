"""Name keys: how a place name is folded so that spelling variants meet in one index entry.

Two keys per name:

* ``name_key`` -- ASCII-folded, lower case, punctuation as spaces, the Arabic article
  (al-/el-/ad-/as-/ash-/at-/ar-/az-/an-...) dropped when another word remains.
  "Al-Ladhiqiyah" -> "ladhiqiyah", "Bāniyās" -> "baniyas".
* ``skeleton`` -- the consonant skeleton of the name key, for romanisation variants:
  digraphs folded (kh->h, dh->d, th->t, sh->s, dj/dsch->j, ou->u, q->k, c->k), vowels
  and the semivowels w/y dropped, doubled consonants collapsed.
  "Hmeimim", "Humaymim" and "Khmeimim" all give "hmmm"; "Baniyas" and "Banias" give "bns".
  A skeleton match is only a *candidate*: the resolver also requires the name keys to be
  similar (``similarity``) before it accepts one.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

__all__ = [
    "ARTICLES",
    "fold",
    "is_latin",
    "name_key",
    "similarity",
    "skeleton",
]

ARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "adh",
        "as",
        "ash",
        "at",
        "ath",
        "ar",
        "az",
        "an",
        "ed",
        "es",
        "et",
        "er",
        "ez",
        "en",
        "ul",
        "il",
    }
)

_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ŀ": "l",
        "ħ": "h",
        "ʿ": "",
        "ʾ": "",
        "ʻ": "",
        "ʼ": "",
        "’": "",
        "‘": "",
        "'": "",
        "`": "",
        "´": "",
        ".": "",
    }
)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """ASCII-fold and lower-case; any run of non-alphanumerics becomes one space."""
    if text.isascii():
        return _NON_ALNUM.sub(" ", text.lower().translate(_SPECIAL)).strip()
    text = text.translate(_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().translate(_SPECIAL)
    return _NON_ALNUM.sub(" ", text).strip()


def is_latin(text: str) -> bool:
    """True when ``text`` is written in the Latin script (with any diacritics) and has a letter."""
    if text.isascii():
        return any(ch.isalpha() for ch in text)
    return _NON_LATIN.search(text) is None and any(ch.isalpha() for ch in text)


_NON_LATIN = re.compile(r"[^\u0000-\u036F\u1E00-\u1EFF\u2010-\u201F]")


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The exact-lookup key: folded, with Arabic articles dropped when other words remain."""
    words = fold(text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 1:
        kept = [w for w in words if w not in ARTICLES]
        if kept:
            words = kept
    return " ".join(words)


_DIGRAPHS = [
    ("dsch", "j"),
    ("tch", "c"),
    ("sch", "s"),
    ("dzh", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("sh", "s"),
    ("ch", "s"),
    ("ph", "f"),
    ("ou", "u"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
    ("v", "f"),
]
_VOWELS = re.compile(r"[aeiouwy]+")
_FINAL_H = re.compile(r"(?<=[aeiouy])h\b")
_DOUBLE = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=200_000)
def skeleton(key: str) -> str:
    """Consonant skeleton of a name key (see module docstring); '' for an empty key."""
    text = _FINAL_H.sub("", key)
    text = text.replace(" ", "")
    text = _DOUBLE.sub(r"\1", text)
    for a, b in _DIGRAPHS:
        text = text.replace(a, b)
    text = _VOWELS.sub("", text)
    return text


def similarity(a: str, b: str) -> float:
    """Similarity of two name keys in [0, 1] (difflib ratio on vowel-folded forms)."""
    if a == b:
        return 1.0
    return SequenceMatcher(None, _vfold(a), _vfold(b), autojunk=False).ratio()


def _vfold(key: str) -> str:
    text = key.replace(" ", "")
    for a, b in (
        ("kh", "h"),
        ("ou", "u"),
        ("ee", "i"),
        ("oo", "u"),
        ("y", "i"),
        ("w", "u"),
        ("q", "k"),
    ):
        text = text.replace(a, b)
    return _DOUBLE.sub(r"\1", text)
