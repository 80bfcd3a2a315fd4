"""The web dashboard: Jinja2 templates and static files served by the API's FastAPI app.

Pages are rendered on the server from aggregated queries (the first view never waits for a
JSON call); JavaScript only adds the map and small conveniences. Everything the browser
loads, including the map library and the country outlines, is served from ``static/``.
The page routes are ``tollwatch.api.routes.web.router``.
"""

from tollwatch.web.templating import STATIC_DIR, TEMPLATES_DIR, make_templates

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "make_templates"]
