// Runs calculator test vectors in real Pyodide (the pinned npm package) under Node,
// loading the calculators exactly as the site does: through the built site's
// pyodide-lock.json, which pins the wheel's sha256 ("plain"), or from the build's
// memory snapshot, which has them imported already ("snapshot").
// usage: node run_vectors.mjs SITE_PYODIDE_DIR VECTORS.json [plain|snapshot]  → JSON on stdout
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { loadPyodide } from "pyodide";

const [pyodideDir, vectorsPath, engine = "plain"] = process.argv.slice(2);
let pyodide;
if (engine === "snapshot") {
  const manifest = JSON.parse(readFileSync(resolve(pyodideDir, "snapshot.json"), "utf8"));
  const snapshot = new Uint8Array(gunzipSync(readFileSync(resolve(pyodideDir, manifest.file))));
  // As the browser worker does: no lock file, no package loaded.
  pyodide = await loadPyodide({ lockFileContents: { info: manifest.lock_info, packages: {} }, _loadSnapshot: snapshot });
} else {
  const lockFileURL = resolve(pyodideDir, "pyodide-lock.json");
  pyodide = await loadPyodide({ lockFileURL, packageBaseUrl: resolve(pyodideDir) + "/" });
  await pyodide.loadPackage("calculators", { messageCallback: () => {} });
}
const runJson = pyodide.runPython("import calculators\ncalculators.run_json");
const vectors = JSON.parse(readFileSync(vectorsPath, "utf8"));
const results = vectors.map((v) => JSON.parse(runJson(v.name, JSON.stringify(v.inputs), v.lang)));
const version = pyodide.runPython("import sys; sys.version.split()[0]");
process.stdout.write(JSON.stringify({ python: version, engine, results }));
