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
const facts = pyodide.runPython(`
def _repack(source, out):
    import base64
    import hashlib
    import importlib.util
    import json
    import sys
    import zipfile
    from importlib._bootstrap_external import _code_to_hash_pyc

    def is_test(name):
        top, *rest = name.split("/")
        return not top.endswith((".dist-info", ".data")) and any(part in ("tests", "test") for part in rest[:-1])

    def record_line(name, data):
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        return f"{name},sha256={digest},{len(data)}"

    kept, dropped, compiled = {}, 0, 0
    with zipfile.ZipFile(source) as wheel:
        names = [info.filename for info in wheel.infolist() if not info.is_dir()]
        record = next(name for name in names if name.endswith(".dist-info/RECORD"))
        for name in names:
            if name == record:
                continue
            if is_test(name):
                dropped += 1
                continue
            data = wheel.read(name)
            if name.endswith(".py") and not name.split("/")[0].endswith((".dist-info", ".data")):
                code = compile(data, name, "exec", dont_inherit=True)
                # Unchecked: there is no source beside it to check against.
                name, data = name + "c", _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
                compiled += 1
            kept[name] = data
    lines = [record_line(name, data) for name, data in kept.items()] + [f"{record},,"]
    kept[record] = ("\\n".join(lines) + "\\n").encode()
    with zipfile.ZipFile(out, "w") as repacked:
        for name, data in kept.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            repacked.writestr(info, data, compresslevel=9)
    return json.dumps({"compiled": compiled, "dropped": dropped, "python": sys.version.split()[0]})


_repack("/tmp/in.whl", "/tmp/out.whl")
`);
writeFileSync(outWheel, pyodide.FS.readFile("/tmp/out.whl"));
process.stdout.write(JSON.stringify({ ...JSON.parse(facts), pyodide: version }));
