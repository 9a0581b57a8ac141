"""Checks of notebooks/scv_notebook.py that the notebooks do not make on their own, run by NotebooksTest with the
same environment as the notebooks (SCV_HOME, SCV_WAREHOUSE, SCV_CLASSPATH). Prints one JSON object on its last
line; an assertion that fails exits non-zero with its message.

* Spark values become the pandas values PySpark's toPandas would give: nulls, numbers, dates, timestamps, arrays,
  maps, structs, duplicate column names.
* The PySpark back end's registration (register_catalogue, Python) names the same tables and views as
  io.scv.catalog.Catalogue.register (Java), which the JPype back end calls; both run here on the one JVM session.
"""
import datetime
import json
import os
import pathlib
import sys

home = pathlib.Path(os.environ["SCV_HOME"])
sys.path.insert(0, str(home / "notebooks"))
import jpype  # noqa: E402
import pandas as pd  # noqa: E402
import scv_notebook  # noqa: E402

scv = scv_notebook.connect()
assert scv.backend == "jpype", scv.backend

# --- conversion to pandas
frame = scv.sql("""
SELECT 7L AS long_value, CAST(NULL AS INT) AS null_int, 1.5D AS double_value, CAST(2.25 AS DECIMAL(5, 2)) AS dec,
       DATE'2024-02-29' AS day, TIMESTAMP'2024-01-01 10:00:00' AS instant, array('a', NULL) AS list,
       map('k', 1) AS dict, named_struct('x', 1) AS struct, true AS flag, CAST(NULL AS BOOLEAN) AS null_flag,
       'first' AS same, 'second' AS same, CAST(NULL AS STRING) AS null_string
""")
row = frame.iloc[0]
assert list(frame.columns) == ["long_value", "null_int", "double_value", "dec", "day", "instant", "list", "dict",
                               "struct", "flag", "null_flag", "same", "same", "null_string"], list(frame.columns)
assert str(frame.dtypes["long_value"]) == "int64" and row["long_value"] == 7
assert str(frame.dtypes["null_int"]) == "Int64" and pd.isna(row["null_int"])
assert row["double_value"] == 1.5 and row["dec"] == 2.25
assert row["day"] == datetime.date(2024, 2, 29), row["day"]
assert row["instant"] == pd.Timestamp("2024-01-01 10:00:00"), row["instant"]
assert row["list"] == ["a", None] and row["dict"] == {"k": 1} and row["struct"] == {"x": 1}
assert bool(row["flag"]) is True and pd.isna(row["null_flag"])
assert list(row["same"]) == ["first", "second"], "duplicate column names keep their own values"
assert row["null_string"] is None
assert len(scv.sql("SELECT * FROM range(3)")) == 3
try:
    scv.sql("SELECT * FROM range(11)", max_rows=10)
    raise AssertionError("max_rows was not enforced")
except ValueError as e:
    assert "max_rows=10" in str(e), e

# --- the same names from both registrations, each one answering a query
java_names = list(scv.tables)
backend = scv._backend
python_names = scv_notebook.register_catalogue(
    lambda query: backend.to_pandas(backend.run(query, {}), scv_notebook.DEFAULT_MAX_ROWS),
    lambda path: bool(jpype.JClass("io.delta.tables.DeltaTable").isDeltaTable(scv.spark, path)),
    scv.warehouse, home / "src" / "main" / "resources" / "catalog" / "views")
rows = {name: int(scv.sql(f"SELECT count(*) AS n FROM {name}").n[0]) for name in python_names}
print(json.dumps({"catalogue": java_names, "python": python_names, "rows": rows}))
