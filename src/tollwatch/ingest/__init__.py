"""Ingest: files, folders, stdin and the sample corpus -> Reports in the database.

    inputs.expand_paths -> readers.read_input -> records.to_report -> store (service)

Readers and header/date parsing are pure; ``service`` is the edge that reads files and
writes batches. See docs/ingest.md.
"""

from tollwatch.ingest.dates import parse_date
from tollwatch.ingest.headers import Header, split_header
from tollwatch.ingest.inputs import expand_paths, sample_dir, sample_paths
from tollwatch.ingest.options import FIELDS, FORMATS, IngestOptions, parse_field_map
from tollwatch.ingest.readers import decode, format_for, read_input
from tollwatch.ingest.records import Record, Rejection, to_report
from tollwatch.ingest.service import (
    IngestResult,
    count_inputs,
    ingest_bytes,
    ingest_paths,
    retry_failed,
)

__all__ = [
    "FIELDS",
    "FORMATS",
    "Header",
    "IngestOptions",
    "IngestResult",
    "Record",
    "Rejection",
    "count_inputs",
    "decode",
    "expand_paths",
    "format_for",
    "ingest_bytes",
    "ingest_paths",
    "parse_date",
    "parse_field_map",
    "read_input",
    "retry_failed",
    "sample_dir",
    "sample_paths",
    "split_header",
    "to_report",
]
