// Runs Python in a module Web Worker, so the page never waits for Pyodide.
// Protocol: in  {id, name, values, lang}
//           out {type: "progress", step} | {type: "ready"} | {type: "failed", message}
//               | {type: "result", id, result}
import { loadPyodide } from "../../pyodide/pyodide.mjs";

const indexURL = new URL("../../pyodide/", import.meta.url).href;

async function start() {
  postMessage({ type: "progress", step: 1 });
  const pyodide = await loadPyodide({ indexURL });
  postMessage({ type: "progress", step: 2 });
  // Resolved through our pyodide-lock.json, which pins the wheel's sha256.
  await pyodide.loadPackage("calculators", { messageCallback: () => {} });
  const runJson = pyodide.runPython("import calculators\ncalculators.run_json");
  postMessage({ type: "ready" });
  return runJson;
}

const ready = start();
ready.catch((error) => postMessage({ type: "failed", message: String(error) }));

onmessage = async ({ data }) => {
  const runJson = await ready;
  const result = JSON.parse(runJson(data.name, JSON.stringify(data.values), data.lang));
  postMessage({ type: "result", id: data.id, result });
};
