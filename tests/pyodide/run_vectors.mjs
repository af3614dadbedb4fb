// Runs calculator test vectors in real Pyodide (the pinned npm package) under Node,
// loading the calculators exactly as the site does: through the built site's
// pyodide-lock.json, which pins the wheel's sha256.
// usage: node run_vectors.mjs SITE_PYODIDE_DIR VECTORS.json  → JSON on stdout
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadPyodide } from "pyodide";

const [pyodideDir, vectorsPath] = process.argv.slice(2);
const lockFileURL = resolve(pyodideDir, "pyodide-lock.json");
const pyodide = await loadPyodide({ lockFileURL, packageBaseUrl: resolve(pyodideDir) + "/" });
await pyodide.loadPackage("calculators", { messageCallback: () => {} });
const runJson = pyodide.runPython("import calculators\ncalculators.run_json");
const vectors = JSON.parse(readFileSync(vectorsPath, "utf8"));
const results = vectors.map((v) => JSON.parse(runJson(v.name, JSON.stringify(v.inputs), v.lang)));
const version = pyodide.runPython("import sys; sys.version.split()[0]");
process.stdout.write(JSON.stringify({ python: version, results }));
