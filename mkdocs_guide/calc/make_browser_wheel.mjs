// Repacks a pure-Python wheel for the browser: its tests left out, every module compiled to
// bytecode by this very Pyodide (column positions left out, as -X no_debug_ranges), RECORD
// rewritten. A reader's browser then neither downloads the tests nor compiles the modules.
// Pyodide's own packages are built so (pyodide-build's unvendored tests and py-compile), which
// needs the host's Python to be Pyodide's; this runs Pyodide's Python itself.
// Run by mkdocs_guide/calc/browser_wheels.py at build time.
// usage: node make_browser_wheel.mjs PYODIDE_DIR STDLIB_ZIP IN_WHEEL OUT_WHEEL  → JSON facts on stdout
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, stdlibZip, inWheel, outWheel] = process.argv.slice(2).map((path) => resolve(path));
const { loadPyodide, version } = await import(pathToFileURL(resolve(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + "/",
  stdLibURL: stdlibZip,
  env: { PYTHONNODEBUGRANGES: "1" },
});
pyodide.FS.writeFile("/tmp/in.whl", readFileSync(inWheel));
// The build's own packing helpers (packing.py), beside this recipe.
pyodide.FS.mkdirTree("/tmp/recipe");
pyodide.FS.writeFile("/tmp/recipe/packing.py", readFileSync(new URL("packing.py", import.meta.url)));
const facts = pyodide.runPython(`
def _repack(source, out):
    import json
    import sys
    import zipfile

    sys.path.insert(0, "/tmp/recipe")
    from packing import bytecode, record, write_zip

    def is_test(name):
        top, *rest = name.split("/")
        return not top.endswith((".dist-info", ".data")) and any(part in ("tests", "test") for part in rest[:-1])

    kept, dropped, compiled = {}, 0, 0
    with zipfile.ZipFile(source) as wheel:
        names = [info.filename for info in wheel.infolist() if not info.is_dir()]
        record_name = next(name for name in names if name.endswith(".dist-info/RECORD"))
        for name in names:
            if name == record_name:
                continue
            if is_test(name):
                dropped += 1
                continue
            data = wheel.read(name)
            if name.endswith(".py") and not name.split("/")[0].endswith((".dist-info", ".data")):
                # Docstrings kept: the packages pass them around at run time.
                name, data = name + "c", bytecode(data, name)
                compiled += 1
            kept[name] = data
    kept[record_name] = record(kept, record_name)
    write_zip(out, kept)
    return json.dumps({"compiled": compiled, "dropped": dropped, "python": sys.version.split()[0]})


_repack("/tmp/in.whl", "/tmp/out.whl")
`);
writeFileSync(outWheel, pyodide.FS.readFile("/tmp/out.whl"));
process.stdout.write(JSON.stringify({ ...JSON.parse(facts), pyodide: version }));
