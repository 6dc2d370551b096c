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
    """One as-of of the tables under a run's output directory."""

    def __init__(self, output_dir: str, as_of: str | None = None):
        self.output_dir = os.path.abspath(os.path.expanduser(output_dir))
        if not os.path.isdir(os.path.join(self.output_dir, "attribution_credits", "_delta_log")):
            raise FileNotFoundError(
                f"{self.output_dir} holds no attribution_credits table: set OUTPUT_DIR to the "
                "--output directory of a revattr run (bin/revattr demo writes ./demo/output)"
            )
        as_ofs = self.as_ofs("attribution_credits")
        if not as_ofs:
            raise ValueError(f"{self.output_dir}/attribution_credits has no rows")
        self.as_of = as_of or as_ofs[-1]
        if self.as_of not in as_ofs:
            raise ValueError(f"as-of {self.as_of} is not in the tables; they hold {as_ofs}")

    def has(self, table: str) -> bool:
        """Whether the output directory has the table."""
        return os.path.isdir(os.path.join(self.output_dir, table, "_delta_log"))

    def as_ofs(self, table: str) -> list[str]:
        """The as-of dates the table holds, from its log (no data file is read)."""
        snap = revattr_delta.snapshot(os.path.join(self.output_dir, table))
        return sorted({a["partitionValues"].get("as_of") for a in snap.files.values()} - {None})

    def table(self, name: str) -> pd.DataFrame:
        """The rows of the run's as-of in table ``name``."""
        path = os.path.join(self.output_dir, name)
        return revattr_delta.read_pandas(path, partitions={"as_of": self.as_of})


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
        json.dump(figures, out, indent=1, sort_keys=True, default=str)
    return path


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
