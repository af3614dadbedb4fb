// Runs calculator test vectors in real Pyodide (the pinned npm package) under Node,
// loading the calculators exactly as the site does: through the built site's
// pyodide-lock.json, which pins the wheel's sha256 ("plain"), or from the build's
// memory snapshot, which has them imported already ("snapshot"); both with the site's trimmed
// standard library, as the worker loads them (a module it lacks fails the run, never a number).
// usage: node run_vectors.mjs SITE_PYODIDE_DIR VECTORS.json [plain|snapshot]  → JSON on stdout
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadPyodide } from "pyodide";

const [pyodideDir, vectorsPath, engine = "plain"] = process.argv.slice(2);
const vectors = JSON.parse(readFileSync(vectorsPath, "utf8"));
// The packages beyond the wheel that the vectors' calculators compute with (Calculator.packages),
// and those only some outputs need (Calculator.later_packages).
const packages = [...new Set(vectors.flatMap((v) => v.packages))];
const later = [...new Set(vectors.flatMap((v) => v.later))];
const lockFile = resolve(pyodideDir, "pyodide-lock.json");
const quiet = { messageCallback: () => {} };
const stdlib = JSON.parse(readFileSync(resolve(pyodideDir, "stdlib.json"), "utf8"));
const stdLibURL = resolve(pyodideDir, stdlib.file);
let pyodide;
if (engine === "snapshot") {
  const manifest = JSON.parse(readFileSync(resolve(pyodideDir, "snapshot.json"), "utf8"));
  // The browser's unpacking of the heap, with Node's DecompressionStream. The worker sets its
  // message handler, a global a worker has and Node lacks.
  globalThis.onmessage = null;
  const { snapshotHeap } = await import("../../mkdocs_guide/calc/assets/worker.mjs");
  // The file arrives only when Pyodide's file-system hook runs, after it has instantiated the
  // wasm: the heap is filled as late as the worker lets it be, and must still be restored whole.
  let arrive;
  const arrived = new Promise((done) => (arrive = done));
  const file = readFileSync(resolve(pyodideDir, manifest.file));
  // Pyodide's Emscripten module, made as the worker makes it (the kept pages come from its memory).
  const emscripten = import(pathToFileURL(resolve(pyodideDir, "pyodide.asm.mjs")).href);
  const createPyodideModule = async (settings) => (await emscripten).default(settings);
  const { heap, filled, options } = snapshotHeap(
    arrived.then(() => new Response(file)),
    manifest,
    createPyodideModule,
  );
  const hook = options.fsInit;
  options.fsInit = () => {
    arrive();
    return hook();
  };
  // As the browser worker does: the lock's header only, unless packages are to be loaded.
  const lockFileContents = packages.length || later.length
    ? readFileSync(lockFile, "utf8")
    : { info: manifest.lock_info, packages: {} };
  if (manifest.stdlib.file !== stdlib.file) throw new Error("the snapshot was made with another standard library");
  [pyodide] = await Promise.all([
    loadPyodide({
      lockFileContents,
      packageBaseUrl: resolve(pyodideDir) + "/",
      stdLibURL: resolve(pyodideDir, manifest.stdlib.file),
      ...options,
    }),
    filled,
  ]);
  if (createHash("sha256").update(heap).digest("hex") !== manifest.raw_sha256) throw new Error("the heap unpacked wrong");
} else {
  pyodide = await loadPyodide({ lockFileURL: lockFile, packageBaseUrl: resolve(pyodideDir) + "/", stdLibURL });
  await pyodide.loadPackage(["calculators"], quiet);
}
const runJson = pyodide.runPython("import calculators\ncalculators.run_json");
const results = [];
// The answers given before the later packages are in (null for vectors without such outputs).
const first = vectors.map(() => null);
const needsAny = (v) => v.packages.length > 0 || v.later.length > 0;
const answer = (v, lacking) => JSON.parse(runJson(v.name, JSON.stringify(v.inputs), v.lang, lacking));
// In the worker's order, with the first zip of the standard library only, which must hold all
// the first answers import: the calculators that need no package; then the packages they
// compute with, loaded, and their first answers, without the later packages.
vectors.forEach((v, index) => {
  if (!needsAny(v)) results[index] = answer(v, []);
});
if (packages.length) await pyodide.loadPackage(packages, quiet);
const needing = [...new Set(vectors.filter(needsAny).map((v) => v.name))];
vectors.forEach((v, index) => {
  if (needsAny(v)) {
    results[index] = answer(v, v.later);
    if (v.later.length) first[index] = results[index];
  }
});
const importedFirst = pyodide.runPython("import sys\nsorted(m for m in ('icalendar', 'chinese_calendar') if m in sys.modules)").toJs();
// Then as the worker goes on: the later packages loaded, the second zip mounted, everything imported.
if (later.length) await pyodide.loadPackage(later, quiet);
mountExtra();

// As the worker does for a page with later packages: the standard library's second zip, mounted.
function mountExtra() {
  if (!later.length || !stdlib.extra) return;
  const path = `/lib/${stdlib.extra.file}`;
  pyodide.FS.writeFile(path, readFileSync(resolve(pyodideDir, stdlib.extra.file)));
  const module = pyodide.pyimport(stdlib.extra.module);
  module.mount(path);
  module.destroy();
}
// As the worker does once they are in: import what the package-needing calculators declare.
const prepare = pyodide.runPython("calculators.prepare");
const prepared = needing.flatMap((name) => prepare(name).toJs());
vectors.forEach((v, index) => {
  if (needsAny(v)) results[index] = answer(v, []);
});
// Which of the packages the vectors imported (tzdata must not be among them: runtime.NOT_SHIPPED).
const loaded = pyodide
  .runPython("import sys\nsorted(m for m in ('tzdata', 'icalendar', 'chinese_calendar') if m in sys.modules)")
  .toJs();
const version = pyodide.runPython("import sys; sys.version.split()[0]");
// A module the trimmed standard library left out fails its import (the worker then answers "crashed").
const missing = pyodide.runPython(`
try:
    import difflib
except ModuleNotFoundError:
    _missing = True
else:
    _missing = False
_missing`);
process.stdout.write(JSON.stringify({ python: version, engine, loaded, prepared, importedFirst, missing, results, first }));
