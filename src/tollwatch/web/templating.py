"""The Jinja2 environment of the dashboard: where templates and static files live, filters."""

from __future__ import annotations

from pathlib import Path

from starlette.templating import Jinja2Templates

from tollwatch import __version__
from tollwatch.models import Category, Outcome

__all__ = ["STATIC_DIR", "STATIC_PREFIX", "TEMPLATES_DIR", "label", "make_templates", "static_url"]

HERE = Path(__file__).parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
STATIC_PREFIX = "/static"


def static_url(path: str) -> str:
    """URL of a static file, with the version as a cache key."""
    return f"{STATIC_PREFIX}/{path.lstrip('/')}?v={__version__}"


def label(value: object) -> str:
    """A code as words: ``state_forces`` -> ``state forces``; ``None`` -> ``unknown``."""
    if value is None:
        return "unknown"
    text = str(value.value if isinstance(value, Outcome | Category) else value)
    return text.replace("_", " ")


def make_templates() -> Jinja2Templates:
    """The templates object the page routes render with (autoescaping HTML)."""
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = templates.env
    env.filters["label"] = label
    env.globals["static_url"] = static_url
    env.globals["outcomes"] = list(Outcome)
    env.globals["categories"] = list(Category)
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates
