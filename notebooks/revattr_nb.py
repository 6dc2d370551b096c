"""What the notebooks share: reading one as-of of a run's tables, the chart style, saving charts and
the key figures that the test suite checks against Spark."""

from __future__ import annotations

import json
import os

import matplotlib.pyplot as plt
import pandas as pd

import revattr_delta

# Milestone flags of journey_touches and their short names, in journey order.
MILESTONES = {
    "is_first_touch": "FT",
    "is_lead_creation": "LC",
    "is_opportunity_creation": "OC",
    "is_closed": "CW",
    "is_last_touch": "LT",
}
UNATTRIBUTED = "(unattributed)"

plt.rcParams.update(
    {
        "figure.dpi": 100,
        "savefig.dpi": 110,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 13,
        "axes.titleweight": "bold",
        "axes.labelsize": 11,
        "legend.fontsize": 9,
        "legend.frameon": False,
    }
)


class Run:
    """One as-of of the tables under a run's output directory: the rows of its committed run.

    When the output has a ``runs`` table, the committed run of an as-of is its latest succeeded run
    (by ``ended_at``) and only that run's rows are read, as the job's own readers do; rows that a
    failed or unfinished run staged are never shown.
    """

    def __init__(self, output_dir: str, as_of: str | None = None):
        self.output_dir = os.path.abspath(os.path.expanduser(output_dir))
        if not self.has("attribution_credits"):
            raise FileNotFoundError(
                f"{self.output_dir} holds no attribution_credits table: set OUTPUT_DIR to the "
                "--output directory of a revattr run (bin/revattr demo writes ./demo/output)"
            )
        self.committed = self._committed_runs()
        if self.committed is not None:
            as_ofs = sorted(self.committed)
        else:
            snap = revattr_delta.snapshot(self._path("attribution_credits"))
            as_ofs = sorted({a["partitionValues"].get("as_of") for a in snap.files.values()} - {None})
        if not as_ofs:
            raise ValueError(f"{self.output_dir} has no committed run")
        self.as_of = as_of or as_ofs[-1]
        if self.as_of not in as_ofs:
            raise ValueError(f"as-of {self.as_of} has no committed run here; these do: {as_ofs}")
        self.run_id = None if self.committed is None else self.committed[self.as_of]

    def has(self, table: str) -> bool:
        """Whether the output directory has the table."""
        return os.path.isdir(os.path.join(self._path(table), "_delta_log"))

    def table(self, name: str) -> pd.DataFrame:
        """The rows of table ``name`` that belong to the as-of (and its committed run)."""
        snap = revattr_delta.snapshot(self._path(name))
        if "as_of" in snap.partition_columns:
            rows = revattr_delta.read_snapshot(snap, {"as_of": self.as_of}).to_pandas()
        else:
            rows = revattr_delta.read_snapshot(snap).to_pandas()
            if "as_of" in rows.columns:
                rows = rows[rows["as_of"].astype(str) == self.as_of]
        if self.run_id is not None and "run_id" in rows.columns:
            rows = rows[rows["run_id"] == self.run_id]
        return rows.reset_index(drop=True)

    def _committed_runs(self):
        if not self.has("runs"):
            return None
        runs = revattr_delta.read_pandas(self._path("runs"))
        succeeded = runs[runs["status"] == "succeeded"].sort_values("ended_at", kind="stable")
        return {str(a): r for a, r in succeeded.groupby("as_of")["run_id"].last().items()}

    def _path(self, table: str) -> str:
        return os.path.join(self.output_dir, table)


def main_currency(credits: pd.DataFrame) -> str:
    """The currency with the most pipeline: amounts in different currencies are never summed."""
    pipeline = credits.groupby("currency", dropna=False)["pipeline_credit"].sum()
    return str(pipeline.idxmax())


def save_chart(fig, chart_dir: str, name: str) -> str:
    """Saves the figure as ``<chart_dir>/<name>.png`` and returns the path."""
    os.makedirs(chart_dir, exist_ok=True)
    path = os.path.join(chart_dir, f"{name}.png")
    fig.savefig(path, bbox_inches="tight")
    return path


def save_figures(chart_dir: str, name: str, figures: dict) -> str:
    """Writes the notebook's key figures as ``<chart_dir>/<name>.json`` (the tests read them)."""
    os.makedirs(chart_dir, exist_ok=True)
    path = os.path.join(chart_dir, f"{name}.json")
    with open(path, "w", encoding="utf-8") as out:
        json.dump(_finite(figures), out, indent=1, sort_keys=True, default=str)
    return path


def _finite(value):
    """The figures with NaN (missing) numbers as null, so that the file is strict JSON."""
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    return value


def money(value: float) -> str:
    """A compact amount for labels: 1.2M, 350k, 900."""
    if abs(value) >= 1e6:
        return f"{value / 1e6:.1f}M"
    if abs(value) >= 1e3:
        return f"{value / 1e3:.0f}k"
    return f"{value:.0f}"


def nested(frame: pd.DataFrame) -> dict:
    """A DataFrame as {row label: {column label: value}}, dropping missing values."""
    return {
        str(r): {str(c): float(v) for c, v in row.items() if pd.notna(v)}
        for r, row in frame.iterrows()
    }
