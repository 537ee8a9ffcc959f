"""``make spark-check``: PySpark, in local mode, reads a region's Parquet
dataset with the SQL the README prints, and its per-branch figures must
equal ``lobbyctl region table --by branch,route --period month --format json``.

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
        return {(row["branch_code"], row["route"], row["period"]): int(row["customers"])
                for row in rows}
    finally:
        spark.stop()


def main():
    region, lobbyctl, first, last = sys.argv[1:5]
    expected = lobbyctl_figures(lobbyctl, region, first, last)
    found = spark_figures(os.path.join(region, "dataset"), first, last)
    print("Spark SQL over the dataset:" + SQL.format(first=first, last=last))
    if found == expected:
        print(f"spark-check: {len(found)} figures of {len({key[0] for key in found})} branches "
              "agree with lobbyctl region table")
        return 0
    for key in sorted(set(found) | set(expected), key=str):
        if found.get(key) != expected.get(key):
            print(f"differs: {key}: spark {found.get(key)}, lobbyctl {expected.get(key)}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
