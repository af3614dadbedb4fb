// Makes a Pyodide memory snapshot with the calculators imported and warmed up.
// Run by mkdocs_guide/calc/snapshot.py at build time, with the Pyodide the site ships
// (so the snapshot's build id is the one the browser checks) and the wheel it ships,
// unpacked by the build into WHEEL_DIR.
// It is made with the site's trimmed standard library (STDLIB_ZIP), which the worker loads with it.
// usage: node make_snapshot.mjs SITE_PYODIDE_DIR WHEEL_DIR STDLIB_ZIP OUT_FILE  → JSON facts on stdout
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelDir, stdlib, outFile] = process.argv.slice(2);
const { loadPyodide, version } = await import(pathToFileURL(resolve(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ _makeSnapshot: true, indexURL: resolve(pyodideDir) + "/", stdLibURL: resolve(stdlib) });

// The wheel's files are copied into site-packages rather than installed by loadPackage:
// the package loader would leave zipfile, tarfile, importlib.metadata and friends in the
// heap, 0.4 MB more gzip for every reader, and loadPackage's bookkeeping cannot be snapshotted.
const sitePackages = pyodide.runPython("import sys\n[p for p in sys.path if p.endswith('site-packages')][0]");
for (const entry of readdirSync(wheelDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const source = join(entry.parentPath ?? entry.path, entry.name);
  const target = `${sitePackages}/${relative(wheelDir, source)}`;
  pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
  pyodide.FS.writeFile(target, readFileSync(source));
}

// Every calculator, in both scripts, with its defaults and with bad input for each field:
// whatever run_json imports or reads lazily (modules, message catalogues, the LPR table)
// must be in memory, since the files the package came from are not part of the snapshot.
// Calculators that import packages beyond the wheel (Calculator.all_packages) are imported but
// not run: those packages are not in the snapshot; their pages load them after it starts.
pyodide.runPython(`
def _warm_up():
    import importlib
    import json

    importlib.invalidate_caches()  # site-packages was written after start-up
    import calculators

    for calc in calculators.all_calculators():
        if calc.all_packages:
            continue
        for lang in ("zh", "zh-Hant"):
            calculators.run_json(calc.name, "{}", lang)
            for field in calc.fields:
                for bad in ("", "abc", "-1", "0", "1万", "１０，０００", "1e308", "2200-12-31"):
                    calculators.run_json(calc.name, json.dumps({field.name: bad}), lang)


_warm_up()
del _warm_up
import gc

gc.collect()
del gc
`);
const python = pyodide.runPython("import sys\nsys.version.split()[0]");

const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(outFile, snapshot);
process.stdout.write(JSON.stringify({ pyodide: version, python, bytes: snapshot.length }));
