"""A small reader of Delta Lake tables for the notebooks: the current snapshot, as Spark reads it.

Reading every Parquet file under a Delta table is wrong (files that later commits removed come back),
so this module replays the table's transaction log the way the Delta protocol says a reader must:

1. list ``_delta_log``; take the latest complete classic checkpoint (one Parquet file, or every part
   of a multi-part one) at or below the wanted version, then every JSON commit after it, in order;
2. keep the files that an ``add`` brought and no later ``remove`` took away, and the latest
   ``protocol`` and ``metaData``;
3. read those Parquet files with pyarrow, add the partition values back as columns typed per the
   table's schema, and cast every column to the schema's type.

It refuses, with :class:`UnsupportedTableError`, what it cannot read correctly: deletion vectors,
column mapping, V2 checkpoints, any other reader feature it does not know, and reader versions above 3.

No maintained Delta reader (``deltalake``, DuckDB's delta extension, pyspark) can be installed where the
notebooks run, hence this module. Use it from Python (``read_table``/``read_pandas``) or as a command:
``python revattr_delta.py TABLE_DIR --out rows.parquet`` writes the snapshot's rows to a Parquet file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import os
import re
import sys
from urllib.parse import unquote, urlparse

import pyarrow as pa
import pyarrow.parquet as pq

# Reader features whose tables read correctly without doing anything more than this module does.
KNOWN_READER_FEATURES = {"timestampNtz", "vacuumProtocolCheck"}

_COMMIT = re.compile(r"^(\d{20})\.json$")
_CHECKPOINT = re.compile(r"^(\d{20})\.checkpoint(?:\.(\d{10})\.(\d{10}))?\.parquet$")
_V2_CHECKPOINT = re.compile(r"^(\d{20})\.checkpoint\.[0-9a-fA-F-]{36}\.(?:json|parquet)$")

_PRIMITIVES = {
    "string": pa.string(),
    "long": pa.int64(),
    "integer": pa.int32(),
    "short": pa.int16(),
    "byte": pa.int8(),
    "float": pa.float32(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "binary": pa.binary(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us", tz="UTC"),
    "timestamp_ntz": pa.timestamp("us"),
}


class UnsupportedTableError(Exception):
    """The table uses a feature this reader cannot read correctly, or its log is incomplete."""


class Snapshot:
    """The replayed state of a table at one version: its schema, partition columns and live files."""

    def __init__(self, table_dir: str, version: int, protocol: dict, metadata: dict, files: dict):
        self.table_dir = table_dir
        self.version = version
        self.protocol = protocol
        self.metadata = metadata
        self.files = files  # path as written in the log -> add action
        self.schema = json.loads(metadata["schemaString"])
        self.partition_columns = list(metadata.get("partitionColumns") or [])

    def arrow_schema(self) -> pa.Schema:
        """The table's schema as a pyarrow schema (every field nullable, as Spark reads it)."""
        return pa.schema([pa.field(f["name"], _arrow_type(f["type"])) for f in self.schema["fields"]])


def snapshot(table_dir: str, version: int | None = None) -> Snapshot:
    """Replays the log of the table in ``table_dir`` up to ``version`` (default: the latest)."""
    log_dir = os.path.join(table_dir, "_delta_log")
    if not os.path.isdir(log_dir):
        raise FileNotFoundError(f"{table_dir} is not a Delta table: it has no _delta_log directory")
    commits, checkpoints = {}, {}
    for name in os.listdir(log_dir):
        if m := _COMMIT.match(name):
            commits[int(m.group(1))] = name
        elif m := _CHECKPOINT.match(name):
            parts = int(m.group(3) or 1)
            checkpoints.setdefault((int(m.group(1)), parts), []).append(name)
        elif m := _V2_CHECKPOINT.match(name):
            checkpoints.setdefault((int(m.group(1)), -1), []).append(name)
    if not commits and not checkpoints:
        raise UnsupportedTableError(f"{table_dir}: the Delta log has no commit and no checkpoint")
    latest = max(list(commits) + [v for v, _ in checkpoints])
    target = latest if version is None else version
    if target > latest:
        raise ValueError(f"{table_dir}: version {target} does not exist (latest is {latest})")

    # The latest checkpoint at or below the target whose parts are all present.
    start, checkpoint_files = -1, []
    for (v, parts), names in sorted(checkpoints.items(), reverse=True):
        if v > target:
            continue
        if parts == -1:
            raise UnsupportedTableError(
                f"{table_dir} uses V2 checkpoints ({names[0]}), which this reader cannot read; "
                "read it with Spark and Delta Lake"
            )
        if len(set(names)) == parts:
            start, checkpoint_files = v, sorted(names)
            break

    protocol, metadata, files = None, None, {}
    for name in checkpoint_files:
        protocol, metadata = _replay_checkpoint(os.path.join(log_dir, name), protocol, metadata, files)
    for v in range(start + 1, target + 1):
        if v not in commits:
            raise UnsupportedTableError(
                f"{table_dir}: commit {v} is missing from the Delta log (cleaned up without a "
                "checkpoint to replace it?), so the table's state cannot be rebuilt"
            )
        with open(os.path.join(log_dir, commits[v]), encoding="utf-8") as log:
            for line in log:
                if line.strip():
                    protocol, metadata = _apply(json.loads(line), protocol, metadata, files)
    if protocol is None or metadata is None:
        raise UnsupportedTableError(f"{table_dir}: the Delta log has no protocol or no metadata")
    _check_readable(table_dir, protocol, metadata)
    for add in files.values():
        if add.get("deletionVector"):
            raise UnsupportedTableError(
                f"{table_dir}: file {add['path']} has a deletion vector (rows deleted without "
                "rewriting the file), which this reader cannot apply; read it with Spark and Delta Lake"
            )
    return Snapshot(table_dir, target, protocol, metadata, files)


def read_table(
    table_dir: str, version: int | None = None, partitions: dict | None = None
) -> pa.Table:
    """The table's rows at ``version`` (default: the latest), as Spark reads them.

    ``partitions`` keeps only the files whose partition values equal the given ones, compared as
    the strings the log stores (dates as ``YYYY-MM-DD``), e.g. ``{"as_of": "2025-12-31"}``.
    """
    return read_snapshot(snapshot(table_dir, version), partitions)


def read_snapshot(snap: Snapshot, partitions: dict | None = None) -> pa.Table:
    """The rows of a replayed snapshot; ``partitions`` as in :func:`read_table`."""
    table_dir = snap.table_dir
    schema = snap.arrow_schema()
    wanted = {k: str(v) for k, v in (partitions or {}).items()}
    unknown = set(wanted) - set(snap.partition_columns)
    if unknown:
        raise ValueError(
            f"{table_dir}: {sorted(unknown)} are not partition columns "
            f"(the partition columns are {snap.partition_columns})"
        )
    pieces = []
    for _, add in sorted(snap.files.items()):
        values = add.get("partitionValues") or {}
        if any(values.get(k) != v for k, v in wanted.items()):
            continue
        pieces.append(_read_file(snap, _data_path(table_dir, add["path"]), values, schema))
    if not pieces:
        return schema.empty_table()
    return pa.concat_tables(pieces)


def read_pandas(table_dir: str, version: int | None = None, partitions: dict | None = None):
    """:func:`read_table` as a pandas DataFrame."""
    return read_table(table_dir, version, partitions).to_pandas()


def _replay_checkpoint(path, protocol, metadata, files):
    table = pq.read_table(path)
    names = set(table.column_names)
    for action in ("protocol", "metaData", "add"):
        if action not in names:
            continue
        for value in table.column(action).to_pylist():
            if value is None:
                continue
            if action == "add":
                value["partitionValues"] = _as_dict(value.get("partitionValues"))
            elif action == "metaData":
                value["configuration"] = _as_dict(value.get("configuration"))
            protocol, metadata = _apply({action: value}, protocol, metadata, files)
    return protocol, metadata  # a checkpoint's removes are tombstones for VACUUM: not live files


def _apply(action, protocol, metadata, files):
    if "add" in action:
        add = action["add"]
        files[unquote(add["path"])] = add  # reconciled on the decoded path, as the protocol says
    elif "remove" in action:
        files.pop(unquote(action["remove"]["path"]), None)
    elif "metaData" in action:
        metadata = action["metaData"]
    elif "protocol" in action:
        protocol = action["protocol"]
    return protocol, metadata


def _check_readable(table_dir, protocol, metadata):
    reader_version = protocol.get("minReaderVersion", 1)
    features = set(protocol.get("readerFeatures") or [])
    mapping = (metadata.get("configuration") or {}).get("delta.columnMapping.mode", "none")
    if reader_version > 3:
        raise UnsupportedTableError(
            f"{table_dir} needs Delta reader version {reader_version}; this reader knows up to 3"
        )
    if "deletionVectors" in features:
        raise UnsupportedTableError(
            f"{table_dir} has deletion vectors enabled, which this reader cannot apply; read it "
            "with Spark and Delta Lake, or rewrite it without them (REORG TABLE ... APPLY (PURGE) "
            "then ALTER TABLE ... SET TBLPROPERTIES ('delta.enableDeletionVectors' = false))"
        )
    if "columnMapping" in features or (reader_version >= 2 and mapping != "none"):
        raise UnsupportedTableError(
            f"{table_dir} uses column mapping (delta.columnMapping.mode = {mapping}), which this "
            "reader cannot resolve; read it with Spark and Delta Lake"
        )
    unknown = sorted(features - KNOWN_READER_FEATURES)
    if unknown:
        raise UnsupportedTableError(
            f"{table_dir} uses Delta reader features this reader does not support: {unknown} "
            f"(supported: {sorted(KNOWN_READER_FEATURES)}); read it with Spark and Delta Lake"
        )


def _read_file(snap, path, partition_values, schema):
    data = pq.read_table(path, coerce_int96_timestamp_unit="us")
    columns = []
    for field in schema:
        if field.name in snap.partition_columns:
            value = _partition_value(partition_values.get(field.name), field.type)
            columns.append(pa.array([value] * data.num_rows, type=field.type))
        elif field.name in data.column_names:
            columns.append(data.column(field.name).cast(field.type))
        else:  # a column added to the schema after this file was written
            columns.append(pa.nulls(data.num_rows, type=field.type))
    return pa.Table.from_arrays(columns, schema=schema)


def _partition_value(text, arrow_type):
    """A partition value as the log stores it (a string, null for null) typed per the schema."""
    if text is None:
        return None
    if pa.types.is_string(arrow_type):
        return text
    if text == "":
        return None
    if pa.types.is_date(arrow_type):
        return dt.date.fromisoformat(text)
    if pa.types.is_timestamp(arrow_type):
        stamp = dt.datetime.fromisoformat(text.replace(" ", "T").replace("Z", "+00:00"))
        if arrow_type.tz is not None:
            stamp = stamp.replace(tzinfo=dt.timezone.utc) if stamp.tzinfo is None else stamp
        return stamp
    if pa.types.is_boolean(arrow_type):
        return text.lower() == "true"
    if pa.types.is_integer(arrow_type):
        return int(text)
    if pa.types.is_floating(arrow_type):
        return float(text)
    if pa.types.is_decimal(arrow_type):
        return decimal.Decimal(text)
    if pa.types.is_binary(arrow_type):
        return text.encode("utf-8")
    raise UnsupportedTableError(f"partition column of type {arrow_type} is not supported")


def _arrow_type(delta_type):
    if isinstance(delta_type, str):
        if delta_type in _PRIMITIVES:
            return _PRIMITIVES[delta_type]
        if m := re.fullmatch(r"decimal\((\d+),\s*(\d+)\)", delta_type):
            return pa.decimal128(int(m.group(1)), int(m.group(2)))
        raise UnsupportedTableError(f"Delta type {delta_type!r} is not supported by this reader")
    kind = delta_type["type"]
    if kind == "struct":
        return pa.struct([pa.field(f["name"], _arrow_type(f["type"])) for f in delta_type["fields"]])
    if kind == "array":
        return pa.list_(_arrow_type(delta_type["elementType"]))
    if kind == "map":
        return pa.map_(_arrow_type(delta_type["keyType"]), _arrow_type(delta_type["valueType"]))
    raise UnsupportedTableError(f"Delta type {kind!r} is not supported by this reader")


def _data_path(table_dir, path):
    parsed = urlparse(path)
    if parsed.scheme in ("", "file"):
        local = unquote(parsed.path)
        return local if os.path.isabs(local) else os.path.join(table_dir, local)
    raise UnsupportedTableError(f"data file {path} is not on the local file system")


def _as_dict(value):
    """A Parquet map as pyarrow returns it (a list of key-value pairs), as a dict."""
    if value is None or isinstance(value, dict):
        return value or {}
    return dict(value)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write a Delta table's current rows to Parquet.")
    parser.add_argument("table", help="the Delta table's directory")
    parser.add_argument("--out", required=True, help="the Parquet file to write")
    parser.add_argument("--version", type=int, help="the table version (default: the latest)")
    args = parser.parse_args(argv)
    try:
        snap = snapshot(args.table, args.version)
        table = read_snapshot(snap)
    except (UnsupportedTableError, FileNotFoundError, ValueError) as e:
        print(f"revattr_delta: {e}", file=sys.stderr)
        return 2
    pq.write_table(table, args.out)
    print(f"{table.num_rows} rows at version {snap.version} of {args.table}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
