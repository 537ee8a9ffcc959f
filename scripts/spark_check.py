"""``make spark-check``: PySpark, in local mode, reads a region's Parquet
dataset with the SQL the README prints, and its per-branch figures must
equal ``lobbyctl region table --by branch,route --period month --format json``
and, for the month of TO, a few of ``lobbyctl region month --format json``'s
(customers, diversion rate and formal complaints per branch).

    python scripts/spark_check.py REGION_DIR LOBBYCTL FROM TO

Run by the Makefile in its own environment (build/spark-venv, with PySpark;
Java must be on the machine).  Exit 0 when every figure agrees, 1 otherwise,
listing the differences."""

import json
import os
import subprocess
import sys

# What a data platform runs over the dataset (printed in the README): the
# region table's customers by branch, route and month.
SQL = """
SELECT branch_code, route, concat(year, '-', month) AS period,
       sum(coalesce(`count`, 1)) AS customers
FROM lobby
WHERE type = 'greet' AND `date` BETWEEN DATE '{first}' AND DATE '{last}'
GROUP BY branch_code, route, year, month
"""

# The region month's per-branch figures of one month (printed in the README):
# customers greeted, the diversion rate (customers routed to a diverted route
# ÷ customers) and formal complaints received.
MONTH_SQL = """
SELECT branch_code,
       sum(CASE WHEN type = 'greet' THEN coalesce(`count`, 1) ELSE 0 END) AS customers,
       sum(CASE WHEN type = 'greet' AND route IN ('open-counter', 'self-service', 'e-banking',
                'wealth-manager', 'customer-manager') THEN coalesce(`count`, 1) ELSE 0 END)
         / sum(CASE WHEN type = 'greet' THEN coalesce(`count`, 1) ELSE 0 END) AS diversion_rate,
       sum(CASE WHEN type = 'complain' AND level = 'complaint' THEN 1 ELSE 0 END)
         AS formal_complaints
FROM lobby
WHERE year = '{year}' AND month = '{month}'
GROUP BY branch_code
"""
MONTH_FIGURES = ("customers", "diversion_rate", "formal_complaints")


def lobbyctl_month_figures(lobbyctl, region, last):
    """``{(branch, figure): value}`` of ``lobbyctl region month`` for the
    month of ``last``, generated on ``last`` as the table's figures are."""
    now = ["--now", f"{last}T20:00", "-R", region]
    result = subprocess.run([lobbyctl, *now, "region", "month", last[:7], "--format", "json",
                             "--engine", "direct"], check=True, capture_output=True, text=True)
    rows = json.loads(result.stdout)["sections"]["league"]["branches"]["rows"]
    return {(row["branch"], key): row[key] for row in rows for key in MONTH_FIGURES
            if row[key] is not None}


def month_rows_as_figures(rows):
    """The SQL's rows as ``{(branch, figure): value}`` (a branch without a
    greeting has no diversion rate, as the form's "—")."""
    found = {}
    for row in rows:
        for key in MONTH_FIGURES:
            if row[key] is not None:
                value = row[key]
                found[(row["branch_code"], key)] = float(value) if key == "diversion_rate" \
                    else int(value)
    return found


def same_month_figures(found, expected):
    """The keys whose values differ (a rate to 1e-12: two divisions of the same integers)."""
    return [key for key in sorted(set(found) | set(expected), key=str)
            if key not in found or key not in expected
            or abs(found[key] - expected[key]) > 1e-12]


def lobbyctl_figures(lobbyctl, region, first, last):
    now = ["--now", f"{last}T20:00", "-R", region]
    subprocess.run([lobbyctl, *now, "region", "export"], check=True)
    result = subprocess.run([lobbyctl, *now, "region", "table", "--by", "branch,route",
                             "--period", "month", "--from", first, "--to", last,
                             "--format", "json", "--engine", "direct"],
                            check=True, capture_output=True, text=True)
    rows = json.loads(result.stdout)["sections"]["table"]["counts"]["rows"]
    figures = {}
    for row in rows:
        for key, value in row.items():
            if len(key) == 7 and key[4] == "-" and value:
                figures[(row["branch"], row["route"], key)] = value
    return figures


def spark_figures(dataset, first, last):
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("lobbyctl-spark-check")
             # partition values as written: branch_code=0101 is the text "0101", month=01 "01"
             .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.session.timeZone", "UTC")
             .getOrCreate())
    try:
        spark.read.parquet(dataset).createOrReplaceTempView("lobby")
        rows = spark.sql(SQL.format(first=first, last=last)).collect()
        table = {(row["branch_code"], row["route"], row["period"]): int(row["customers"])
                 for row in rows}
        month_rows = spark.sql(MONTH_SQL.format(year=last[:4], month=last[5:7])).collect()
        return table, month_rows_as_figures([row.asDict() for row in month_rows])
    finally:
        spark.stop()


def main():
    region, lobbyctl, first, last = sys.argv[1:5]
    expected = lobbyctl_figures(lobbyctl, region, first, last)
    month_expected = lobbyctl_month_figures(lobbyctl, region, last)
    found, month_found = spark_figures(os.path.join(region, "dataset"), first, last)
    print("Spark SQL over the dataset:" + SQL.format(first=first, last=last))
    print("and for region month:" + MONTH_SQL.format(year=last[:4], month=last[5:7]))
    status = 0
    if found == expected:
        print(f"spark-check: {len(found)} figures of {len({key[0] for key in found})} branches "
              "agree with lobbyctl region table")
    else:
        status = 1
        for key in sorted(set(found) | set(expected), key=str):
            if found.get(key) != expected.get(key):
                print(f"differs: {key}: spark {found.get(key)}, lobbyctl {expected.get(key)}")
    differ = same_month_figures(month_found, month_expected)
    if not differ and month_found:
        print(f"spark-check: {len(month_found)} figures of "
              f"{len({key[0] for key in month_found})} branches agree with lobbyctl region month")
    else:
        status = 1
        for key in differ or ["(no figure)"]:
            print(f"differs: {key}: spark {month_found.get(key)}, "
                  f"lobbyctl {month_expected.get(key)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
