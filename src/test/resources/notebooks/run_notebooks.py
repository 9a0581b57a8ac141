"""Executes notebooks, then helper_check.py, in ONE Jupyter kernel, for NotebooksTest.

    run_notebooks.py OUT_DIR NOTEBOOK... 

Each notebook runs top to bottom as `jupyter nbconvert --execute` would run it (kernel started in the notebooks'
folder, stop at the first error), but the kernel, and so the JVM that scv_notebook starts in it through JPype, is
shared: a JVM and a Spark session cost 25 to 40 s on two cores, and a kernel cannot start a second JVM anyway. Before
each notebook the kernel's namespace is cleared (%reset -f), so a notebook cannot lean on names another one defined;
only the module-level connection of scv_notebook stays, as it does for one person working through the notebooks.

Writes each executed notebook to OUT_DIR under its own name, errors included as error outputs (the caller checks
them), and helper_check.py's run as OUT_DIR/helper_check.ipynb. Exits 0 when every notebook could be executed
without a kernel failure; a cell error is reported through the outputs, not the exit code.
"""
import pathlib
import sys
import time

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbclient.util import run_sync

RESET = "get_ipython().run_line_magic('reset', '-f')"


def execute(km, nb, folder, name):
    nb.cells.insert(0, nbformat.v4.new_code_cell(RESET))
    client = NotebookClient(nb, km=km, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    start = time.monotonic()
    try:
        client.execute()
    except CellExecutionError:
        pass  # the error output is in the notebook; NotebooksTest reports it with the cell
    finally:
        nb.cells.pop(0)
    print(f"{name}: {time.monotonic() - start:.1f} s", flush=True)
    return nb


def main(out_dir, notebooks, helper_check):
    out_dir.mkdir(parents=True, exist_ok=True)
    km = AsyncKernelManager(kernel_name="python3")
    try:
        for path in notebooks:
            nb = execute(km, nbformat.read(path, as_version=4), path.parent, path.name)
            nbformat.write(nb, out_dir / path.name)
        check = nbformat.v4.new_notebook()
        check.cells.append(nbformat.v4.new_code_cell(
            f"exec(compile(open({str(helper_check)!r}).read(), {helper_check.name!r}, 'exec'))"))
        nbformat.write(execute(km, check, notebooks[0].parent, helper_check.name), out_dir / "helper_check.ipynb")
    finally:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)


if __name__ == "__main__":
    here = pathlib.Path(__file__).resolve().parent
    main(pathlib.Path(sys.argv[1]), [pathlib.Path(p).resolve() for p in sys.argv[2:]], here / "helper_check.py")
