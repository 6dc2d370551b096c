"""What the notebooks share: reading one as-of of a run's tables, the chart style, saving charts and
the key figures that the test suite checks against Spark."""

from __future__ import annotations

import json
import os
import re

import matplotlib.pyplot as plt
import pandas as pd

import revattr_delta

# Milestone flags of journey_touches and their short names, in journey order.
MILESTONES = {
    "is_first_touch": "FT",
    "is_lead_creation": "LC",
    "is_opportunity_creation": "OC",
    "is_opportunity_close": "CW",
    "is_last_touch": "LT",
}
UNATTRIBUTED = "(unattributed)"
# The analyst tables' value for a touch without one (no campaign, say).
NO_VALUE = "(none)"
# The currency of amounts whose deals have none (a warehouse without a currency column, and no
# reporting.currency): shown under this name, so that they can be chosen like any other currency.
NO_CURRENCY = "(none)"

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

    The committed run of an as-of is its succeeded run in the ``runs`` table with the largest id (the
    latest committed), and only that run's rows are read, as the job's own readers (``bin/revattr sql``)
    do: rows that a failed, killed or still running run staged are never shown. An output without a
    ``runs`` table has no committed run (its first run has not finished).
    """

    def __init__(self, output_dir: str, as_of: str | None = None):
        self.output_dir = os.path.abspath(os.path.expanduser(output_dir))
        if not self.has("attribution_credits"):
            raise FileNotFoundError(
                f"{self.output_dir} holds no attribution_credits table: set OUTPUT_DIR to the "
                "--output directory of a revattr run (bin/revattr demo writes ./demo/output)"
            )
        self.committed = self._committed_runs()
        as_ofs = sorted(self.committed)
        if not as_ofs:
            raise ValueError(
                f"{self.output_dir} has no committed run yet: a run commits when it has written every "
                "table and its row in the runs table; wait for the run to finish (one that failed or "
                "was killed commits nothing: run it again)"
            )
        self.as_of = as_of or as_ofs[-1]
        if self.as_of not in as_ofs:
            raise ValueError(f"as-of {self.as_of} has no committed run here; these do: {as_ofs}")
        self.run_id = self.committed[self.as_of]

    def has(self, table: str) -> bool:
        """Whether the output directory has the table: a Delta log with at least one commit."""
        log = os.path.join(self._path(table), "_delta_log")
        return os.path.isdir(log) and any(
            re.fullmatch(r"\d{20}\.(json|checkpoint\..*parquet)", name) for name in os.listdir(log)
        )

    def table(self, name: str) -> pd.DataFrame:
        """The rows of table ``name`` that belong to the as-of's committed run (a null currency
        read as ``NO_CURRENCY``)."""
        snap = revattr_delta.snapshot(self._path(name))
        # Only the run's own files are read where the table is partitioned by the run (tables of
        # earlier versions are partitioned by as_of alone, the runs table not at all).
        wanted = {"as_of": self.as_of, "run_id": self.run_id}
        partitions = {k: v for k, v in wanted.items() if k in snap.partition_columns}
        rows = revattr_delta.read_snapshot(snap, partitions).to_pandas()
        if "as_of" in rows.columns:
            rows = rows[rows["as_of"].astype(str) == self.as_of]
        if "run_id" in rows.columns:
            rows = rows[rows["run_id"] == self.run_id]
            if rows.empty:
                self._check_still_committed()
        if "currency" in rows.columns:
            rows = rows.assign(currency=rows["currency"].fillna(NO_CURRENCY))
        return rows.reset_index(drop=True)

    def _check_still_committed(self):
        """Raises when a later run of the as-of committed since this object read ``runs``: that
        run's commit removes this run's rows table by table, so what is left of them is no longer a
        whole run, and an empty frame would read as "nothing happened"."""
        now = self._committed_runs().get(self.as_of)
        if now != self.run_id:
            raise RuntimeError(
                f"as-of {self.as_of} was run again while this notebook ran: run {now} committed and "
                f"removes the rows of run {self.run_id}, which this notebook began with. Run the "
                "notebook again from the top (Kernel > Restart & Run All) to read run "
                f"{now} throughout."
            )

    def _committed_runs(self) -> dict:
        if not self.has("runs"):
            return {}
        runs = revattr_delta.read_pandas(self._path("runs"))
        # A run commits only while no run of its as-of with a larger id has succeeded, so the largest
        # id is the latest committed, whatever the hosts' clocks wrote as ended_at.
        succeeded = runs[runs["status"] == "succeeded"]
        return {str(a): r for a, r in succeeded.groupby("as_of")["run_id"].max().items()}

    def _path(self, table: str) -> str:
        return os.path.join(self.output_dir, table)


def chosen_model(requested: str, models) -> str:
    """The model a notebook puts first: the requested one when the run has it, else the run's first
    (in name order), with a note, so that a run made without the default model still shows its own."""
    models = sorted(models)
    if not models:
        raise ValueError("the run has no attribution model's rows for this as-of")
    if requested in models:
        return requested
    print(f"The run has no model {requested!r}; showing {models[0]} (its models: {models}).")
    return models[0]


def report_currency(summary: pd.DataFrame, requested: str = "") -> str:
    """The currency of the amounts to show from ``attribution_summary``: the requested one, else the
    one with the most opportunities. With ``reporting.currency`` set, the run converted every amount
    into it, so it is the only one; without it, amounts in different currencies are never summed."""
    channels = summary[summary["dimension"] == "channel"]
    # attributed_opportunities adds up to a model's credited opportunities over its channels: a count,
    # comparable across currencies where amounts are not (a yen is not a dollar).
    return currency_with_most(channels, requested, "attribution_summary", deals="attributed_opportunities")


def currency_with_most(
    rows: pd.DataFrame, requested: str = "", table: str = "the table", deals: str | None = None
) -> str:
    """The requested currency (it must have rows), else the currency of the most deals: its rows'
    ``deals`` column summed, or without one its number of rows (one per deal). Deals are counted, not
    their amounts summed: amounts in different currencies do not compare."""
    currencies = sorted(rows["currency"].unique())
    if requested:
        if requested not in currencies:
            raise ValueError(f"CURRENCY {requested!r} has no amounts in this run; its currencies are {currencies}")
        return requested
    if not currencies:
        raise ValueError(f"{table} has no amounts for this as-of")
    counts = rows.groupby("currency")[deals].sum() if deals else rows.groupby("currency").size()
    # Ties go to the first currency by name, so that the choice does not depend on the rows' order.
    return str(counts.sort_index().idxmax())


def showcase_opportunity(journeys: pd.DataFrame, velocity: pd.DataFrame | None = None) -> str:
    """The opportunity a journey notebook shows when none is asked for: the largest won deal whose
    journey is long enough to show the models differ and short enough to read (6 to 16 touches),
    among the deals of the currency with the most of them (amounts in different currencies do not
    compare); any deal when no won one is that long. ``velocity`` (``opportunity_velocity``) gives the
    amounts in the reporting currency when the run has one."""
    sizes = journeys.groupby("opportunity_id").agg(
        touches=("touch_id", "size"), stage=("stage", "first"), amount=("amount", "first"),
        currency=("currency", "first"),
    )
    if velocity is not None:
        converted = velocity.set_index("opportunity_id")
        sizes["amount"] = converted["amount"].reindex(sizes.index).fillna(sizes["amount"])
        sizes["currency"] = converted["currency"].reindex(sizes.index).fillna(sizes["currency"])
    readable = sizes[(sizes["stage"] == "won") & sizes["touches"].between(6, 16)]
    pool = readable if len(readable) else sizes
    if pool.empty:
        raise ValueError("no opportunity has a journey: nothing to show")
    pool = pool[pool["currency"] == currency_with_most(pool)]
    return str(pool.sort_values(["amount", "touches"], ascending=False, kind="stable").index[0])


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
