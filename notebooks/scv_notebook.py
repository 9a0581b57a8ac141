"""Spark SQL over an scv warehouse from a notebook, as pandas DataFrames.

    import scv_notebook
    scv = scv_notebook.connect()            # or connect("/path/to/warehouse")
    scv.sql("SELECT count(*) AS customers FROM scv.customer")

Two back ends, chosen by what the kernel has:

* PySpark, when ``import pyspark`` works: a SparkSession with Delta Lake (the active one if the notebook already
  has one), results through ``toPandas()``.
* JPype otherwise: a JVM inside the kernel with the project's own classpath (``target/scv.jar``, ``target/lib``,
  ``target/spark``, or ``SCV_CLASSPATH`` when set), and a local SparkSession built by
  ``io.scv.cli.SparkSessionFactory``. Results come back as one JSON line per row and become pandas columns by the
  Spark type of each column.

Either way the published tables are registered as ``scv.<table>`` (database ``scv``), so notebooks read the same
names on both back ends. The warehouse is the argument, else ``SCV_WAREHOUSE``, else ``<project>/warehouse``; the
project folder is ``SCV_HOME``, else the first folder with a ``pom.xml`` above the working directory.

Every query result is collected to the kernel, so ``sql`` refuses results longer than ``max_rows``: aggregate in
SQL, or add a LIMIT.
"""

import atexit
import datetime
import glob
import json
import os
import pathlib
import tempfile

import pandas as pd

DATABASE = "scv"
DELTA_VERSION = "4.1.0"
DEFAULT_MAX_ROWS = 100_000

# Spark on Java 17 needs these; the same list is in jobs/scv and pom.xml (spark.java.opens).
JAVA_OPENS = [
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
    "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true",
]

# A notebook reads small results: few partitions and cores, no UI.
LOCAL_SESSION = {
    "spark.master": "local[2]",
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "2",
    "spark.ui.enabled": "false",
    "spark.databricks.delta.snapshotPartitions": "2",
    # Spark 4.1 binds query parameters (:id) in the parser, and Delta's parser does not pass them on
    # (delta-io/delta#7640); the legacy path binds them during analysis instead.
    "spark.sql.legacy.parameterSubstitution.constantsOnly": "true",
}

_connection = None


def connect(warehouse=None):
    """The notebook's connection to the warehouse; one per kernel (a JVM cannot be started twice)."""
    global _connection
    home = project_home()
    where = _warehouse(warehouse, home)
    if _connection is None:
        try:
            import pyspark  # noqa: F401
            backend = _PySparkBackend()
        except ImportError:
            backend = _JPypeBackend(home)
        _connection = Connection(backend, home)
    _connection.use(where)
    return _connection


def project_home():
    """SCV_HOME, else the nearest folder with a pom.xml above the working directory or this file."""
    if os.environ.get("SCV_HOME"):
        home = pathlib.Path(os.environ["SCV_HOME"]).resolve()
        if not (home / "pom.xml").is_file():
            raise RuntimeError(f"SCV_HOME must be the scv project folder (with pom.xml), was: {home}")
        return home
    for start in (pathlib.Path.cwd(), pathlib.Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            if (folder / "pom.xml").is_file():
                return folder
    raise RuntimeError(f"no pom.xml above {pathlib.Path.cwd()}: set SCV_HOME to the scv project folder")


class Connection:
    """Runs Spark SQL and returns pandas. ``spark`` is the raw session: PySpark's, or the JVM's through JPype
    (``backend`` says which)."""

    def __init__(self, backend, home):
        self._backend = backend
        self.home = home
        self.spark = backend.spark
        self.backend = backend.NAME
        self.warehouse = None
        self.tables = []

    def use(self, warehouse):
        """Registers the warehouse's tables as scv.<table>, replacing those of an earlier warehouse."""
        if warehouse != self.warehouse:
            self.tables = self._backend.register(warehouse)
            self.warehouse = warehouse

    def sql(self, query, params=None, max_rows=DEFAULT_MAX_ROWS):
        """The result of one Spark SQL statement as pandas. ``params`` fills named markers (``:id``) with values,
        so notebooks need not quote them into the SQL. More than ``max_rows`` rows is an error, not a truncation."""
        return self._backend.to_pandas(self._backend.run(query, params or {}), max_rows)

    def table_path(self, table):
        """Where a published table's folder is, for path-based Delta reads."""
        return _table_path(self.warehouse, table)


def _warehouse(given, home):
    where = given or os.environ.get("SCV_WAREHOUSE") or str(home / "warehouse")
    if not _is_uri(where):
        where = str(pathlib.Path(where).expanduser().resolve())
        if not (pathlib.Path(where) / "customer" / "_delta_log").is_dir():
            raise RuntimeError(
                f"no customer table in the warehouse {where}: run the job first "
                f"(jobs/scv run --config conf/scv.yaml), or pass the warehouse path / set SCV_WAREHOUSE")
    return where


def _is_uri(path):
    return "://" in path or path.startswith("file:")


def _table_path(warehouse, table):
    return warehouse.rstrip("/") + "/" + table


def _published_tables(warehouse):
    """The Delta tables under a local warehouse folder, by name."""
    return sorted(p.parent.name for p in pathlib.Path(warehouse).glob("*/_delta_log"))


def _register_by_path(run_sql, warehouse):
    """scv.<table> for each Delta table folder of the warehouse."""
    run_sql(f"CREATE DATABASE IF NOT EXISTS {DATABASE}")
    names = []
    for table in _published_tables(warehouse):
        run_sql(f"DROP TABLE IF EXISTS {DATABASE}.{table}")
        run_sql(f"CREATE TABLE {DATABASE}.{table} USING delta LOCATION '{_table_path(warehouse, table)}'")
        names.append(f"{DATABASE}.{table}")
    return names


class _PySparkBackend:
    NAME = "pyspark"

    def __init__(self):
        from pyspark.sql import SparkSession
        active = SparkSession.getActiveSession()
        if active is not None:
            self.spark = active
            return
        builder = SparkSession.builder.appName("scv-notebook")
        settings = dict(LOCAL_SESSION, **{
            "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
            "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
            "spark.sql.warehouse.dir": tempfile.mkdtemp(prefix="scv-notebook-catalog-"),
        })
        if not _delta_jars_present():
            settings["spark.jars.packages"] = f"io.delta:delta-spark_2.13:{DELTA_VERSION}"
        for key, value in settings.items():
            builder = builder.config(key, value)
        self.spark = builder.getOrCreate()

    def register(self, warehouse):
        return _register_by_path(self.spark.sql, warehouse)

    def run(self, query, params):
        return self.spark.sql(query, args=params) if params else self.spark.sql(query)

    def to_pandas(self, df, max_rows):
        _check_rows(df.limit(max_rows + 1).count(), max_rows)
        return df.toPandas()


def _delta_jars_present():
    import pyspark
    folders = [pathlib.Path(pyspark.__file__).parent / "jars"]
    if os.environ.get("SPARK_HOME"):
        folders.append(pathlib.Path(os.environ["SPARK_HOME"]) / "jars")
    return any(glob.glob(str(f / "delta-spark_*.jar")) for f in folders)


def _check_rows(count, max_rows):
    if count > max_rows:
        raise ValueError(f"the query returned more than max_rows={max_rows} rows: aggregate it, add a LIMIT, "
                         f"or pass a larger max_rows")


class _JPypeBackend:
    NAME = "jpype"

    def __init__(self, home):
        import jpype
        if not jpype.isJVMStarted():
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            jpype.startJVM(
                f"-Xmx{os.environ.get('SCV_NOTEBOOK_HEAP', '2g')}", *JAVA_OPENS,
                f"-Dlog4j2.configurationFile={pathlib.Path(__file__).resolve().parent / 'log4j2.properties'}",
                classpath=[*_jvm_classpath(home), *_jpype_support_jar()], convertStrings=False)
        settings = jpype.JClass("java.util.HashMap")()
        for key, value in dict(LOCAL_SESSION, **{
            "spark.sql.warehouse.dir": tempfile.mkdtemp(prefix="scv-notebook-catalog-"),
        }).items():
            settings.put(key, value)
        self.spark = jpype.JClass("io.scv.cli.SparkSessionFactory").create("scv-notebook", settings, 10)
        # before JPype's own exit hook, which would interrupt Spark's shutdown threads mid-way
        atexit.register(self.spark.stop)

    def register(self, warehouse):
        return _register_by_path(self.spark.sql, warehouse)

    def run(self, query, params):
        if not params:
            return self.spark.sql(query)
        import jpype
        args = jpype.JClass("java.util.HashMap")()
        for name, value in params.items():
            args.put(name, value.item() if hasattr(value, "item") else value)  # numpy scalars as Python values
        return self.spark.sql(query, args)

    def to_pandas(self, df, max_rows):
        import jpype
        fields = list(df.schema().fields())
        names = [str(f.name()) for f in fields]
        # positional names, so that duplicate column names (a.id, b.id) survive the trip through JSON objects
        positional = [f"c{i}" for i in range(len(names))]
        lines = df.toDF(jpype.JArray(jpype.JString)(positional)).limit(max_rows + 1).toJSON().collectAsList()
        _check_rows(lines.size(), max_rows)
        rows = [json.loads(str(line)) for line in lines]
        zone = str(self.spark.conf().get("spark.sql.session.timeZone"))
        columns = {}
        for i, field in enumerate(fields):
            values = [row.get(positional[i]) for row in rows]
            columns[i] = _pandas_column(values, str(field.dataType().typeName()), zone)
        frame = pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
        frame.columns = names
        return frame


def _jvm_classpath(home):
    if os.environ.get("SCV_CLASSPATH"):
        return [p for p in os.environ["SCV_CLASSPATH"].split(os.pathsep) if p]
    target = home / "target"
    jar = target / "scv.jar"
    if not jar.is_file() or not (target / "lib").is_dir() or not (target / "spark").is_dir():
        raise RuntimeError(f"{jar} (and target/lib, target/spark) not found: build the project first "
                           f"(cd {home} && mvn -q -DskipTests package)")
    return [str(jar), *sorted(glob.glob(str(target / "lib" / "*.jar"))),
            *sorted(glob.glob(str(target / "spark" / "*.jar")))]


def _jpype_support_jar():
    """JPype's own jar: the pip wheel finds it beside its module, Debian's package needs it on the classpath."""
    import _jpype
    for jar in (pathlib.Path(_jpype.__file__).parent / "org.jpype.jar", pathlib.Path("/usr/share/java/org.jpype.jar")):
        if jar.is_file():
            return [str(jar)]
    return []


_INTEGRAL = {"byte", "short", "integer", "long"}
_FLOATING = {"float", "double"}


def _pandas_column(values, type_name, zone):
    """A pandas Series from the JSON values of one Spark column, typed as PySpark's toPandas would type it."""
    has_null = any(v is None for v in values)
    if type_name in _INTEGRAL:
        return pd.Series(values, dtype="Int64" if has_null else "int64")
    if type_name in _FLOATING or type_name.startswith("decimal"):
        return pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")
    if type_name == "boolean":
        return pd.Series(values, dtype="boolean" if has_null else "bool")
    if type_name == "date":
        return pd.Series([None if v is None else datetime.date.fromisoformat(v) for v in values], dtype="object")
    if type_name == "timestamp":
        # Spark writes the instant with its offset; PySpark shows it as naive local time of the session zone
        instants = pd.to_datetime(pd.Series(values, dtype="object"), utc=True)
        return instants.dt.tz_convert(zone).dt.tz_localize(None)
    if type_name == "timestamp_ntz":
        return pd.to_datetime(pd.Series(values, dtype="object"))
    return pd.Series(values, dtype="object")
