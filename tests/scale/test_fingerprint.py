"""Workers must run what the driver runs: the environment fingerprint and the cluster check."""

from __future__ import annotations

import pytest

from tollwatch.errors import ScaleError
from tollwatch.scale import DaskRunner
from tollwatch.scale._fingerprint import describe_differences, environment

DRIVER = {"tollwatch": "0.1.0", "sources": "aaaa", "spacy": "3.8.18"}


@pytest.mark.parametrize(("worker", "expected"), [
    (dict(DRIVER), ""),
    ({**DRIVER, "sources": "bbbb"}, "sources bbbb (driver aaaa)"),
    ({**DRIVER, "tollwatch": "0.2.0", "spacy": "3.7.0"},
     "tollwatch 0.2.0 (driver 0.1.0), spacy 3.7.0 (driver 3.8.18)"),
    ({"tollwatch": "0.1.0", "sources": "aaaa"}, "spacy absent (driver 3.8.18)"),
])  # fmt: skip
def test_fingerprint_names_every_difference(worker: dict[str, str], expected: str) -> None:
    assert describe_differences(DRIVER, worker) == expected


def test_fingerprint_of_this_process_is_complete_and_stable() -> None:
    env = environment()
    assert set(env) >= {"tollwatch", "sources", "python", "spacy"}
    assert len(env["sources"]) == 16
    assert environment() == env


def test_fingerprint_cluster_without_workers_is_refused() -> None:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=0, processes=False, dashboard_address="127.0.0.1:0"
    )
    with cluster, pytest.raises(ScaleError, match="has no workers"):
        DaskRunner(cluster.scheduler_address, timeout=0.5)
