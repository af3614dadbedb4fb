// Writes the standard library the site ships: Pyodide's python_stdlib.zip cut down to the
// modules that Pyodide's start, its package loader and every calculator on every test vector
// import, each compiled to bytecode by this very Pyodide (docstrings left out), so that a
// reader's browser neither downloads nor compiles the rest. In two zips: what every page's
// first answers import (OUT_ZIP: the calculators, and the packages they compute with), and what
// the packages only some outputs need import beyond it (EXTRA_ZIP), which a page fetches with
// them, after its first answers.
// Run by mkdocs_guide/calc/stdlib.py at build time.
// usage: node make_stdlib.mjs SITE_PYODIDE_DIR FULL_STDLIB_ZIP VECTORS.json OUT_ZIP EXTRA_ZIP MOUNT_PY MOUNT_MODULE
//        → JSON facts on stdout (MOUNT_PY: the module that mounts EXTRA_ZIP, compiled into OUT_ZIP as MOUNT_MODULE)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, fullZip, vectorsPath, outZip, extraZip, mountPy] = process.argv.slice(2, 8).map((path) => resolve(path));
const mountModule = process.argv[8];
const { loadPyodide, version } = await import(pathToFileURL(resolve(pyodideDir, "pyodide.mjs")).href);
const lockFileURL = resolve(pyodideDir, "pyodide-lock.json");
const lock = JSON.parse(readFileSync(lockFileURL, "utf8"));
// Every package the site ships a wheel for: what either start may load.
const shipped = Object.keys(lock.packages).filter((name) => existsSync(resolve(pyodideDir, lock.packages[name].file_name)));
const pyodide = await loadPyodide({
  indexURL: pyodideDir + "/",
  stdLibURL: fullZip,
  lockFileURL,
  packageBaseUrl: pyodideDir + "/",
  // Compiled without column positions (as -X no_debug_ranges): a quarter fewer bytes.
  env: { PYTHONNODEBUGRANGES: "1" },
});

// From here on every import is recorded, also of modules that leave sys.modules again. A finder
// first in sys.meta_path sees them all: the "import" audit event misses importlib.import_module
// (sysconfig imports its _sysconfigdata module so, when zoneinfo asks it for TZPATH).
pyodide.runPython(`
import sys

_imported = set(sys.modules)


class _Recorder:
    @staticmethod
    def find_spec(name, path=None, target=None):
        _imported.add(name)


sys.meta_path.insert(0, _Recorder)
`);
// In the worker's order: the calculators, then the packages they compute with, every vector
// answered without the later packages; those imports are the first zip. Then the later
// packages, all imported (calculators.prepare), and every vector answered in full.
const vectors = JSON.parse(readFileSync(vectorsPath, "utf8"));
const quiet = { messageCallback: () => {} };
await pyodide.loadPackage(["calculators"], quiet);
const runJson = pyodide.runPython("import calculators\ncalculators.run_json");
const prepare = pyodide.runPython("calculators.prepare");
const run = (some, later) => {
  for (const vector of some) runJson(vector.name, JSON.stringify(vector.inputs), vector.lang, later ? [] : vector.later);
};
const needing = vectors.filter((each) => each.packages.length || each.later.length);
run(vectors.filter((each) => !needing.includes(each)), false);
await pyodide.loadPackage([...new Set(needing.flatMap((each) => each.packages))], quiet);
run(needing, false);
pyodide.runPython("_core = set(_imported)");
await pyodide.loadPackage(shipped, quiet);
for (const name of new Set(needing.map((each) => each.name))) prepare(name).destroy();
run(needing, true);
runJson.destroy();
prepare.destroy();

// The modules that came from the zip, before anything below imports more.
pyodide.runPython(`
_names = sorted(_imported)


def _from_zip(names):
    import importlib.util
    import zipimport

    archive = next(path for path in sys.path if path.endswith(".zip"))
    used = set()
    for name in names:
        module = sys.modules.get(name)
        spec = getattr(module, "__spec__", None) if module else importlib.util.find_spec(name)
        if spec and isinstance(spec.loader, zipimport.zipimporter) and spec.origin:
            used.add(spec.origin.removeprefix(archive + "/"))
    return archive, sorted(used)


_archive, _used = _from_zip(_names)
_core = _from_zip(sorted(_core))[1]
`);

pyodide.FS.writeFile("/tmp/full.zip", readFileSync(fullZip));
// The module that mounts the second zip goes into the first, compiled with the rest.
pyodide.FS.writeFile("/tmp/mount.py", readFileSync(mountPy));
// The build's own packing helpers (packing.py), beside this recipe.
pyodide.FS.mkdirTree("/tmp/recipe");
pyodide.FS.writeFile("/tmp/recipe/packing.py", readFileSync(new URL("packing.py", import.meta.url)));
const facts = pyodide.runPython(`
def _write_stdlib(archive, used, core, mount_module):
    import json
    import zipfile

    sys.path.insert(0, "/tmp/recipe")
    from packing import bytecode, write_zip

    def write(names, out, own=()):
        with zipfile.ZipFile("/tmp/full.zip") as full:
            sources = {name: full.read(name) for name in names}
        for name, path in own:
            with open(path, "rb") as file:
                sources[name] = file.read()
        # Bytecode beside where the source was (zipimport prefers it), docstrings left out.
        write_zip(out, {name + "c": bytecode(source, f"{archive}/{name}", docstrings=False) for name, source in sources.items()})
        return list(sources)

    extra = [name for name in used if name not in core]
    own = [(mount_module + ".py", "/tmp/mount.py")]
    facts = {"modules": write(core, "/tmp/out.zip", own), "extra_modules": write(extra, "/tmp/extra.zip")}
    return json.dumps({**facts, "python": sys.version.split()[0]})


_write_stdlib(_archive, _used, _core, ${JSON.stringify(mountModule)})
`);
writeFileSync(outZip, pyodide.FS.readFile("/tmp/out.zip"));
writeFileSync(extraZip, pyodide.FS.readFile("/tmp/extra.zip"));
process.stdout.write(JSON.stringify({ ...JSON.parse(facts), pyodide: version, packages: shipped }));
