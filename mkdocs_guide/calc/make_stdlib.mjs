// Writes the standard library the site ships: Pyodide's python_stdlib.zip cut down to the
// modules that Pyodide's start, its package loader and every calculator on every test vector
// import, each compiled to bytecode by this very Pyodide (docstrings left out), so that a
// reader's browser neither downloads nor compiles the rest.
// Run by mkdocs_guide/calc/stdlib.py at build time.
// usage: node make_stdlib.mjs SITE_PYODIDE_DIR FULL_STDLIB_ZIP VECTORS.json OUT_ZIP  → JSON facts on stdout
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, fullZip, vectorsPath, outZip] = process.argv.slice(2).map((path) => resolve(path));
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
await pyodide.loadPackage(shipped, { messageCallback: () => {} });
const vectors = JSON.parse(readFileSync(vectorsPath, "utf8"));
const runJson = pyodide.runPython("import calculators\ncalculators.run_json");
for (const vector of vectors) runJson(vector.name, JSON.stringify(vector.inputs), vector.lang);
runJson.destroy();
// And what the worker does before it is ready: import the packages each calculator declares.
pyodide.runPython("for _calc in calculators.all_calculators():\n    calculators.prepare(_calc.name)");

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
`);

pyodide.FS.writeFile("/tmp/full.zip", readFileSync(fullZip));
const facts = pyodide.runPython(`
def _write_stdlib(archive, used):
    import ast
    import importlib.util
    import json
    import zipfile
    from importlib._bootstrap_external import _code_to_hash_pyc

    def strip_docstrings(tree):
        # As python -OO does (every __doc__ None), but assert statements are kept.
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) or not body:
                continue
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                body[0:1] = [] if len(body) > 1 else [ast.copy_location(ast.Pass(), first)]
        return tree

    entries = []
    with zipfile.ZipFile("/tmp/full.zip") as full, zipfile.ZipFile("/tmp/out.zip", "w") as out:
        for name in used:
            source = full.read(name)
            code = compile(strip_docstrings(ast.parse(source)), f"{archive}/{name}", "exec", dont_inherit=True)
            data = _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
            # The bytecode beside where the source was: zipimport prefers it, and there is no source to check.
            info = zipfile.ZipInfo(name + "c", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data, compresslevel=9)
            entries.append(name)
    return json.dumps({"modules": entries, "python": sys.version.split()[0]})


_write_stdlib(_archive, _used)
`);
writeFileSync(outZip, pyodide.FS.readFile("/tmp/out.zip"));
process.stdout.write(JSON.stringify({ ...JSON.parse(facts), pyodide: version, packages: shipped }));
