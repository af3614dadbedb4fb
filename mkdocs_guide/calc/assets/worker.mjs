// Runs Python in a module Web Worker, so the page never waits for Pyodide.
// Protocol: in  {type: "start", runtime, engine, packages, later, warm} first (the URL of the site's
//               Pyodide folder, which the page has from the build; the start the page chose,
//               "snapshot" or "plain" (start.mjs); the packages beyond the calculators wheel that its
//               calculators compute with, names in the site's lock; those only some outputs need,
//               loaded after "ready"; the calculators whose packages to import once those are in), then
//               {id, name, values, lang} for each computation;
//               or, alone, {type: "prime", runtime}: only import Pyodide's modules (calculator.js, primeCodeCache)
//           out {type: "progress", step} (a step of mkdocs_guide/calc/contract.py's PROGRESS_STEPS)
//               | {type: "engine", engine: "snapshot" | "plain"} | {type: "ready"}
//               | {type: "failed", message} | {type: "result", id, result} | {type: "crashed", id, message}
//               | {type: "later-loading"} (after "ready": the later packages are being loaded and imported,
//               which may hold a computation up) then {type: "later-ready"} or {type: "later-failed", message}
//               (what is pending stays so; if only some calculators' packages failed to import, it
//               comes instead of "later-ready", after the others' outputs are answered: the calculators
//               whose packages imported get whole answers, every other's later outputs stay pending)
//               | {type: "primed"} (the modules ran)
//           A result may list outputs as `pending` (Python's run): answered again, with the same id,
//           once the later packages are in.

async function fetchOk(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response;
}

// The heap's first bytes, Pyodide's magic number: written last, so that a heap restored before
// it is whole fails Pyodide's check instead of running.
const HELD_BYTES = 4;

// The heap from the snapshot file, which holds its non-zero runs one after another
// (mkdocs_guide/calc/heap.py): each inflated chunk is written where its run goes in `heap`,
// zeroed, so the zeros are neither inflated nor copied.
async function inflate(response, { runs }, heap) {
  const reader = response.body.pipeThrough(new DecompressionStream("gzip")).getReader();
  const held = new Uint8Array(HELD_BYTES);
  let run = 0;
  let [at, left] = runs[0] ?? [0, 0];
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    let chunk = read.value;
    while (chunk.length) {
      if (left === 0) throw new Error("snapshot is too long");
      const part = chunk.subarray(0, left);
      const head = at < HELD_BYTES ? Math.min(part.length, HELD_BYTES - at) : 0;
      if (head) held.set(part.subarray(0, head), at);
      heap.set(part.subarray(head), at + head);
      at += part.length;
      left -= part.length;
      chunk = chunk.subarray(part.length);
      while (left === 0 && run + 1 < runs.length) [at, left] = runs[++run];
    }
  }
  if (left !== 0 || run + 1 < runs.length) throw new Error("snapshot is incomplete");
  heap.set(held);
}

const hex = (bytes) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");

// The heap's pages that are the wasm's own data, as its instantiation writes them: the file
// leaves them out (mkdocs_guide/calc/heap.py), and they are copied from `memory`, Pyodide's
// memory once instantiated, after a check that they are what the snapshot was made with.
async function keep(memory, { heap_offset: offset, kept, kept_sha256: expected }, heap) {
  const bytes = new Uint8Array(kept.reduce((sum, [, length]) => sum + length, 0));
  let at = 0;
  for (const [from, length] of kept) {
    bytes.set(memory.subarray(from - offset, from - offset + length), at);
    at += length;
  }
  if (hex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))) !== expected) {
    throw new Error("the wasm's memory is not the one the snapshot was made with");
  }
  at = 0;
  for (const [from, length] of kept) {
    heap.set(bytes.subarray(at, at + length), from);
    at += length;
  }
}

// The snapshot's part of loadPyodide's options, given while the heap is still being inflated
// from `response` (a promise), so that the wasm is instantiated meanwhile: Pyodide 314.0.7 needs
// the heap's size to instantiate it, and its bytes only once the file system's init hook has
// returned, which waits for them, and the module `createPyodideModule` makes has returned,
// which then has the memory the kept pages come from (an order Pyodide does not document:
// tests/pyodide pins it). If the file is damaged, `filled` rejects and the hook never returns.
// It must not reject: Pyodide would go on and restore a heap half written. Exported for
// tests/pyodide/run_vectors.mjs.
export function snapshotHeap(response, facts, createPyodideModule) {
  const heap = new Uint8Array(facts.raw_bytes);
  const filled = response.then((body) => inflate(body, facts, heap));
  const never = new Promise(() => {});
  const fsInit = () => filled.then(() => {}, () => never);
  const withKept = async (settings) => {
    const module = await createPyodideModule(settings);
    await filled;
    await keep(module.HEAPU8, facts, heap);
    return module;
  };
  return { heap, filled, options: { _loadSnapshot: heap, fsInit, createPyodideModule: withKept } };
}

// The build's memory snapshot (mkdocs_guide/calc/snapshot.py): a heap in which Python is
// initialised and the calculators imported, which is most of a plain start's time. It holds
// no package beyond the calculators: a page whose calculators need some passes the site's
// lock file (`lock`), which loadPackage resolves them through.
async function fromSnapshot(indexURL, manifest, runtime, lock) {
  const facts = await manifest;
  const { file, pyodide: built, lock_info: info, stdlib } = facts;
  const download = new AbortController();
  const response = fetchOk(indexURL + file, { signal: download.signal });
  const { heap, filled, options } = snapshotHeap(response, facts, runtime.options.createPyodideModule);
  // Awaited below, with loadPyodide. A damaged or stopped download frees the heap. If that
  // happens before a Pyodide is made for it, none is; after, that one waits on and is abandoned.
  let broken = null;
  filled.catch((error) => {
    broken = error;
    heap.buffer.transfer?.(0);
  });
  const module = await runtime.loader;
  if (built !== module.version) {
    download.abort();
    throw new Error(`snapshot for Pyodide ${built}, runtime ${module.version}`);
  }
  // A snapshot that is missing or blocked fails here, before a Pyodide is made for it.
  await response;
  if (broken) throw broken;
  const started = module.loadPyodide({
    ...runtime.options,
    // The zip the heap was made with (mkdocs_guide/calc/stdlib.py): its directory is in the heap.
    stdLibURL: indexURL + stdlib.file,
    // Without packages to load, the lock's header stands in for the lock file (one request fewer).
    lockFileContents: lock ?? { info, packages: {} },
    ...options,
  });
  // A Pyodide that fails without the snapshot's fault stops its download: the plain start follows.
  started.catch(() => download.abort());
  const [pyodide] = await Promise.all([started, filled]);
  return pyodide;
}

// The site's standard library is trimmed to what the calculators import, under a name after
// its content (mkdocs_guide/calc/stdlib.py); stdlib.json names it.
const stdlibOf = (indexURL) => fetchOk(indexURL + "stdlib.json").then((response) => response.json());

// The wheels a start loads, fetched while Python initialises rather than after it: into the
// HTTP cache, where loadPackage's own fetch of the same URL then finds them.
function prefetchWheels(indexURL, lock, names) {
  const seen = new Set();
  const queue = [...names];
  while (queue.length) {
    const entry = lock.packages[queue.pop()];
    if (!entry || seen.has(entry.name)) continue;
    seen.add(entry.name);
    queue.push(...entry.depends);
    fetch(indexURL + entry.file_name)
      .then((response) => response.arrayBuffer())
      .catch(() => {}); // loadPackage fetches it again, and reports a failure
  }
}

// The second zip of the standard library (mkdocs_guide/calc/stdlib.py): the modules only the
// later packages import, which a page fetches with them. Written into Pyodide's file system
// and mounted by the module the manifest names, which is in the first zip; before anything
// imports those packages (the package loader itself needs only the first zip).
async function extraStdlib(indexURL, stdlib) {
  const { extra } = await stdlib;
  if (!extra) return null; // an untrimmed standard library is one zip
  const response = await fetchOk(indexURL + extra.file);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length !== extra.bytes) throw new Error(`${extra.file} is incomplete`);
  return { ...extra, bytes };
}

function mountExtra(pyodide, extra) {
  if (!extra) return;
  const path = `/lib/${extra.file}`;
  pyodide.FS.writeFile(path, extra.bytes);
  const module = pyodide.pyimport(extra.module);
  module.mount(path);
  module.destroy();
}

// Pyodide's loader, and the options both starts give it. Its Emscripten module (1.2 MB of
// JavaScript), which loadPyodide would import only once running, is imported at once with it.
function pyodideOf(indexURL) {
  const loader = import(indexURL + "pyodide.mjs");
  loader.catch(() => {}); // reported by whichever start awaits it
  const emscripten = import(indexURL + "pyodide.asm.mjs");
  emscripten.catch(() => {}); // loadPyodide calls it below, and reports it
  const createPyodideModule = async (settings) => (await emscripten).default(settings);
  return {
    loader,
    modules: Promise.all([loader, emscripten]),
    options: { indexURL, packageBaseUrl: indexURL, createPyodideModule },
  };
}

async function plain(indexURL, runtime, packages, stdlib, lock) {
  const lockFile = lock ?? fetchOk(indexURL + "pyodide-lock.json").then((response) => response.json());
  lockFile.then((contents) => prefetchWheels(indexURL, contents, ["calculators", ...packages]), () => {});
  const { file } = await (stdlib ?? stdlibOf(indexURL));
  const module = await runtime.loader;
  const pyodide = await module.loadPyodide({
    ...runtime.options,
    stdLibURL: indexURL + file,
    lockFileContents: lockFile,
  });
  postMessage({ type: "progress", step: "package" });
  // Resolved through our pyodide-lock.json, which pins each wheel's sha256.
  await pyodide.loadPackage(["calculators", ...packages], { messageCallback: () => {} });
  return pyodide;
}

async function start(indexURL, chosen, packages, later, warm) {
  postMessage({ type: "progress", step: "runtime" });
  // The page chose the plain start for a first visit over a slow or metered link: the snapshot
  // costs megabytes more, and saves seconds only on a fast connection or from the cache.
  // Asked for before Pyodide's module is even fetched, so the downloads start first.
  const manifest =
    chosen === "plain"
      ? Promise.reject(new Error("the page chose the plain start"))
      : fetchOk(indexURL + "snapshot.json").then((response) => response.json());
  manifest.catch(() => {}); // no snapshot is not an error: the plain start follows
  const stdlib = chosen === "plain" ? stdlibOf(indexURL) : null;
  stdlib?.catch(() => {}); // awaited by the plain start, and by the later packages
  const runtime = pyodideOf(indexURL);
  const lock =
    packages.length || later.length || chosen === "plain"
      ? fetchOk(indexURL + "pyodide-lock.json").then((response) => response.json())
      : null;
  lock?.catch(() => {}); // awaited by the snapshot start, which then falls back
  let engine = "snapshot";
  let pyodide;
  try {
    pyodide = await fromSnapshot(indexURL, manifest, runtime, lock);
    if (packages.length) {
      postMessage({ type: "progress", step: "package" });
      await pyodide.loadPackage(packages, { messageCallback: () => {} });
    }
  } catch (error) {
    // No snapshot, another Pyodide's, damaged bytes: the plain start gives the same results, later.
    console.info("calculators: starting without the snapshot:", String(error));
    engine = "plain";
    pyodide = await plain(indexURL, runtime, packages, stdlib, lock);
  }
  const runJson = pyodide.runPython("import calculators\ncalculators.run_json");
  postMessage({ type: "engine", engine });
  postMessage({ type: "ready" });
  // The packages the calculators compute with are imported by their first computation (a
  // table of holidays); the later ones take seconds to import on a slow phone, and are
  // imported here, once loaded, rather than in a computation, under the page's 8 s watchdog.
  // Loaded once the first answer is out: neither their bytes nor their unpacking, on this
  // thread, come before it. Answers meanwhile leave what needs them pending.
  if (later.length) {
    lacking = later;
    afterFirstAnswer = () => completeLater(pyodide, indexURL, later, stdlib, warm, runJson);
  }
  return runJson;
}

// A download of the later packages that neither ends nor fails is given up after this long.
const LATER_LIMIT_MS = 120_000;

// The packages only some outputs need (the calendar file's), with the standard library's
// second zip, which only they import; then each pending request answered again. A missing or
// stalled zip or wheel, or a package that does not import, fails them alone, and says so: for
// every calculator, or for those alone whose packages did not import if others' did.
async function completeLater(pyodide, indexURL, later, stdlib, warm, runJson) {
  postMessage({ type: "later-loading" });
  let timer;
  try {
    const extra = extraStdlib(indexURL, stdlib ?? stdlibOf(indexURL));
    extra.catch(() => {}); // awaited below
    // loadPackage logs a wheel it could not fetch and resolves all the same.
    const problems = [];
    const loaded = pyodide.loadPackage(later, {
      messageCallback: () => {},
      errorCallback: (message) => problems.push(message),
    });
    const stalled = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not loaded in ${LATER_LIMIT_MS} ms`)), LATER_LIMIT_MS);
    });
    await Promise.race([loaded, stalled]);
    if (problems.length) throw new Error(problems.join(" "));
    mountExtra(pyodide, await Promise.race([extra, stalled]));
    const prepare = pyodide.runPython("calculators.prepare");
    try {
      for (const name of warm) {
        try {
          prepare(name).destroy();
          prepared.add(name);
        } catch (error) {
          unprepared.set(name, String(error));
        }
      }
    } finally {
      prepare.destroy();
    }
    if (unprepared.size && !prepared.size) throw new Error([...unprepared.values()].join(" "));
  } catch (error) {
    postMessage({ type: "later-failed", message: String(error) });
    return;
  } finally {
    clearTimeout(timer);
  }
  if (unprepared.size) {
    // Those left pending would be answered the same again: only the others are.
    for (const request of waiting.values()) if (prepared.has(request.name)) respond(runJson, request, true);
    postMessage({ type: "later-failed", message: [...unprepared.values()].join(" ") });
    return;
  }
  lacking = [];
  postMessage({ type: "later-ready" });
  for (const request of waiting.values()) respond(runJson, request, true);
}

// The later packages not loaded yet, what loads them (run after the first answer), and the
// latest request of each calculator whose answer left outputs pending, answered again once they are.
// If some calculators' packages did not import, only those whose did (`prepared`) lack nothing;
// every other, one connected after the start included, keeps lacking them all.
let lacking = [];
const prepared = new Set();
const unprepared = new Map(); // calculator → why its packages did not import
let afterFirstAnswer = null;
const waiting = new Map();

// `again`: a request answered before, with outputs pending; if making them fails, the answer
// on screen stands and only they are said to have failed.
function respond(runJson, data, again = false) {
  try {
    const result = JSON.parse(runJson(data.name, JSON.stringify(data.values), data.lang, prepared.has(data.name) ? [] : lacking));
    if (result.pending) waiting.set(data.name, data);
    else waiting.delete(data.name);
    postMessage({ type: "result", id: data.id, result });
  } catch (error) {
    // Python answers bad input with messages; reaching here is a bug, said plainly to the reader.
    waiting.delete(data.name);
    postMessage(again ? { type: "later-failed", message: String(error) } : { type: "crashed", id: data.id, message: String(error) });
  }
  const then = afterFirstAnswer;
  afterFirstAnswer = null;
  then?.();
}

// Emscripten does not reject when the wasm cannot be fetched: it logs and waits. A HEAD
// request for each runtime file tells a blocked or missing file at once; if all answer,
// the outcome is left to loadPyodide.
async function unreachable(indexURL) {
  const files = ["pyodide.asm.wasm", "pyodide.asm.mjs"];
  const check = (file) =>
    fetch(indexURL + file, { method: "HEAD" }).then(
      (response) => (response.ok ? null : `${response.status} ${file}`),
      () => `blocked ${file}`,
    );
  const problem = (await Promise.all(files.map(check))).find(Boolean);
  if (problem) throw new Error(problem);
  return new Promise(() => {});
}

let ready;

onmessage = async ({ data }) => {
  if (data.type === "prime") {
    pyodideOf(data.runtime).modules.then(
      () => postMessage({ type: "primed" }),
      (error) => postMessage({ type: "failed", message: String(error) }),
    );
    return;
  }
  if (data.type === "start") {
    const started = start(data.runtime, data.engine, data.packages ?? [], data.later ?? [], data.warm ?? []);
    ready = Promise.race([started, unreachable(data.runtime)]);
    ready.catch((error) => postMessage({ type: "failed", message: String(error) }));
    return;
  }
  let runJson;
  try {
    runJson = await ready;
  } catch {
    return; // the start failed, and said so ("failed"); the page offers a retry
  }
  respond(runJson, data);
};
