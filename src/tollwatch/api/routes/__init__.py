"""One router per resource; ``tollwatch.api.app`` mounts them under ``/api/v1``."""
