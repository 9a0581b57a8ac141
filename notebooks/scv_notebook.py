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

Either way the warehouse's tables are registered by name as the project's catalogue does it (docs/analysts.md):
``scv.<table>`` for each published Delta table and the analyst views (``scv.source_overlap``, ``scv.customer_360``,
``scv.marketing_audience``, ``global_temp.customer_changes``). The JPype back end calls
``io.scv.catalog.Catalogue.register``; the PySpark one, which has no scv classes, does the same in Python from the
same view files, so notebooks read the same names on both. The warehouse is the argument, else ``SCV_WAREHOUSE``, else ``<project>/warehouse``; the
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
import re
import shutil
import tempfile
import warnings

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
        """Registers the warehouse's tables and views by name, replacing those of an earlier warehouse."""
        if warehouse != self.warehouse:
            self.tables = self._backend.register(warehouse, self.home)
            self.warehouse = warehouse

    def sql(self, query, params=None, max_rows=DEFAULT_MAX_ROWS):
        """The result of one Spark SQL statement as pandas. ``params`` fills named markers (``:id``) with values,
        so notebooks need not quote them into the SQL. More than ``max_rows`` rows is an error, not a truncation."""
        return self._backend.to_pandas(self._backend.run(query, params or {}), max_rows)


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


# The tables analysts query, as io.scv.catalog.Catalogue.TABLES lists them (run state stays out).
CATALOGUE_TABLES = ["customer", "customer_xref", "match_evidence", "quarantine", "id_lineage", "run_log",
                    "override_must_link", "override_cannot_link", "privacy_erasure_log"]


def register_catalogue(query, is_delta_table, warehouse, views_folder):
    """What io.scv.catalog.Catalogue.register does, for a session without scv's classes (the PySpark back end):
    each Delta table of the warehouse as an external table scv.<table>, then the analyst views from the same
    ``catalog/views/*.sql`` files. ``query`` runs one statement and returns pandas; ``is_delta_table`` tells
    whether a folder holds a Delta table. Returns the qualified names, tables first."""
    query(f"CREATE DATABASE IF NOT EXISTS {DATABASE}")
    names = []
    for table in CATALOGUE_TABLES:
        location = _table_path(warehouse, table)
        if is_delta_table(location):
            _register_table(query, table, location)
            names.append(f"{DATABASE}.{table}")
        elif _catalogued(query, table) and _describe(query, f"{DATABASE}.{table}")[0]:
            query(f"DROP TABLE {DATABASE}.{table}")  # an external entry left from another warehouse
    for view_file in sorted(pathlib.Path(views_folder).glob("*.sql")):
        name = _create_view(query, view_file, names)
        if name:
            names.append(name)
    return names


def _register_table(query, table, location):
    name = f"{DATABASE}.{table}"
    if _catalogued(query, table):
        external, catalogued_at = _describe(query, name)
        if _plain_folder(catalogued_at) == _plain_folder(location):
            return
        if not external:
            raise RuntimeError(f"{name} is a managed table at {catalogued_at}; scv will not replace it with "
                               f"{location} (dropping it would delete its data)")
        query(f"DROP TABLE {name}")
    quoted = location.replace("\\", "\\\\").replace("'", "\\'")
    query(f"CREATE TABLE {name} USING delta LOCATION '{quoted}'")


def _catalogued(query, table):
    return len(query(f"SHOW TABLES IN {DATABASE} LIKE '{table}'")) > 0


def _describe(query, name):
    """(external, location) of a catalogue entry."""
    rows = query(f"DESCRIBE TABLE EXTENDED {name}")
    info = {str(k).strip(): v for k, v in zip(rows.iloc[:, 0], rows.iloc[:, 1])}
    return str(info.get("Type", "")).upper() != "MANAGED", str(info.get("Location", ""))


def _plain_folder(location):
    return re.sub(r"/+$", "", re.sub(r"^file:(//)?", "", location))


def _create_view(query, view_file, registered):
    """One analyst view, as io.scv.catalog.AnalystViews creates it; None when its tables or columns are missing."""
    view = view_file.stem
    body = view_file.read_text(encoding="utf-8")
    # table_changes() is a session function, which a catalogue view may not call: such a view is global temporary
    temporary = "table_changes(" in body
    name = f"global_temp.{view}" if temporary else f"{DATABASE}.{view}"
    query(f"DROP VIEW IF EXISTS {name}")
    # line comments document the file for people (and may name things like io.scv.golden.Audiences)
    body = "\n".join(line for line in body.splitlines() if not line.strip().startswith("--")).strip()
    needs = {f"{DATABASE}.{t}" for t in re.findall(rf"\b{DATABASE}\.(\w+)", body)}
    if not needs <= set(registered):
        return None
    if "${first_change_version}" in body:
        body = body.replace("${first_change_version}", str(_first_change_version(query)))
    try:
        query(f"CREATE GLOBAL TEMPORARY VIEW {view} AS\n{body}" if temporary else f"CREATE VIEW {name} AS\n{body}")
    except Exception as e:  # noqa: BLE001  (PySpark's and the JVM's analysis errors have no common class)
        if "AnalysisException" not in type(e).__name__ + str(e):
            raise
        warnings.warn(f"catalogue: view {name} left out: {str(e).splitlines()[0]}")
        return None
    return name


def _first_change_version(query):
    """The first version of scv.customer after its last VACUUM: older change files may be gone."""
    history = query(f"DESCRIBE HISTORY {DATABASE}.customer")
    vacuums = history.version[history.operation.str.startswith("VACUUM")]
    first = int(vacuums.max()) + 1 if len(vacuums) else 0
    return min(first, int(history.version.max()))


class _PySparkBackend:
    NAME = "pyspark"

    def __init__(self):
        from pyspark.sql import SparkSession
        active = SparkSession.getActiveSession()
        if active is not None:  # a notebook platform's own session
            self.spark = active
            key = "spark.sql.legacy.parameterSubstitution.constantsOnly"  # for sql(query, params), see above
            self.spark.conf.set(key, LOCAL_SESSION[key])
            return
        builder = SparkSession.builder.appName("scv-notebook")
        settings = dict(LOCAL_SESSION, **{
            "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
            "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
            "spark.sql.warehouse.dir": _catalogue_folder(),
        })
        if not _delta_jars_present():
            settings["spark.jars.packages"] = f"io.delta:delta-spark_2.13:{DELTA_VERSION}"
        for key, value in settings.items():
            builder = builder.config(key, value)
        self.spark = builder.getOrCreate()

    def register(self, warehouse, home):
        jvm, session = self.spark._jvm, self.spark._jsparkSession
        return register_catalogue(lambda q: self.to_pandas(self.spark.sql(q), DEFAULT_MAX_ROWS),
                                  lambda path: jvm.io.delta.tables.DeltaTable.isDeltaTable(session, path),
                                  warehouse, home / "src" / "main" / "resources" / "catalog" / "views")

    def run(self, query, params):
        return self.spark.sql(query, args=params) if params else self.spark.sql(query)

    def to_pandas(self, df, max_rows):
        frame = df.limit(max_rows + 1).toPandas()
        _check_rows(len(frame), max_rows)
        return frame


def _catalogue_folder():
    """Where the session's in-memory catalogue keeps its database folder (empty: the tables are external)."""
    folder = tempfile.mkdtemp(prefix="scv-notebook-catalog-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


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
                *os.environ.get("SCV_NOTEBOOK_JAVA_OPTS", "").split(),
                f"-Dlog4j2.configurationFile={pathlib.Path(__file__).resolve().parent / 'log4j2.properties'}",
                classpath=[*_jvm_classpath(home), *_jpype_support_jar()], convertStrings=False)
        settings = jpype.JClass("java.util.HashMap")()
        for key, value in dict(LOCAL_SESSION, **{
            "spark.sql.warehouse.dir": _catalogue_folder(),
        }).items():
            settings.put(key, value)
        self.spark = jpype.JClass("io.scv.cli.SparkSessionFactory").create("scv-notebook", settings, 10)
        # before JPype's own exit hook, which would interrupt Spark's shutdown threads mid-way
        atexit.register(self.spark.stop)

    def register(self, warehouse, home):
        import jpype
        return [str(name) for name in jpype.JClass("io.scv.catalog.Catalogue").register(self.spark, warehouse)]

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
