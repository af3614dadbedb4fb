// Connects each [data-calculator] form to Python running in a Web Worker.
// All computing and all messages come from Python; this only moves values
// between the form, the URL and the worker, and shows what comes back.
// What it needs to know (the runtime's folder, the loading steps, each output's kind,
// which fields are personal, every text) the build writes into the page as data
// attributes: mkdocs_guide/calc/render.py. Which start the engine takes and when: start.mjs.
import { chooseStart, linkSpeed, startWhen } from "./start.mjs";

const roots = [...document.querySelectorAll("[data-calculator]")];
const lang = document.documentElement.lang === "zh-Hant" ? "zh-Hant" : "zh";
// Only merges the input events of one burst (a paste, autofill): a computation takes a few ms,
// and a longer wait here showed in every changed input's result (README, "Each change's measured effect").
const DEBOUNCE_MS = 10;

const valueOf = (element) => (element.type === "checkbox" ? String(element.checked) : element.value);

function formValues(form) {
  const values = {};
  for (const element of form.elements) {
    if (element.name) values[element.name] = valueOf(element);
  }
  return values;
}

// As Python's fields.normalise_word: full-width ASCII and the ideographic space folded,
// outer spaces trimmed, A-Z lowered; a checkbox's data-true-words are fields.BOOLEAN_WORDS' true ones.
const normaliseWord = (text) =>
  text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .replace(/^[ \t\n\r\f\v\u00a0]+|[ \t\n\r\f\v\u00a0]+$/g, "")
    .replace(/[A-Z]/g, (c) => c.toLowerCase());

function prefill(form) {
  const query = new URLSearchParams(location.search);
  for (const element of form.elements) {
    if (!element.name || !query.has(element.name)) continue;
    const value = query.get(element.name);
    if (element.type === "checkbox") element.checked = element.dataset.trueWords.split(" ").includes(normaliseWord(value));
    else element.value = value;
  }
}

// A field declared for some values of a choice (Python's Field.when, rendered as data-when-field
// and data-when-values) is hidden for the others: hidden, it cannot be focused, and Python ignores it.
function showApplicable(form) {
  for (const field of form.querySelectorAll("[data-when-field]")) {
    const choice = form.elements.namedItem(field.dataset.whenField);
    field.hidden = !field.dataset.whenValues.split(" ").includes(choice.value);
  }
}

// The URL keeps the inputs, so a result can be reloaded or shared; never a personal field
// (data-personal: a name, a phone number), which would stay in the history and in caches.
function remember(form) {
  const query = new URLSearchParams();
  for (const element of form.elements) {
    if (element.name && !("personal" in element.dataset)) query.set(element.name, valueOf(element));
  }
  const url = new URL(location.href);
  url.search = query.toString();
  history.replaceState(null, "", url);
}

// How each kind of output (data-kind, from the Python declaration) is shown; the others are text.
const SHOW = {
  table(element, rows) {
    const columns = element.dataset.columns.split(",");
    element.replaceChildren(
      ...(rows || []).map((row) => {
        const tr = document.createElement("tr");
        for (const key of columns) {
          const td = document.createElement("td");
          td.textContent = row[key];
          tr.append(td);
        }
        return tr;
      }),
    );
  },
  link(element, query) {
    // A query string from Python: the next calculator opens prefilled.
    element.hidden = !query;
    for (const link of element.querySelectorAll("a")) {
      link.href = query ? `${link.dataset.base}?${query}` : link.dataset.base;
    }
  },
  download(element, text) {
    element.hidden = !text;
    if (element.href.startsWith("blob:")) URL.revokeObjectURL(element.href);
    // The file's type is declared in Python (data-media-type). A CSV gets a BOM, which lets
    // spreadsheet programs read its Chinese headers as UTF-8.
    const type = element.dataset.mediaType;
    const bom = type.startsWith("text/csv") ? "\ufeff" : "";
    element.href = text ? URL.createObjectURL(new Blob([bom + text], { type })) : "";
  },
  steps(element, steps) {
    // Links name guide pages by path; the build wrote each allowed page's URL into data-pages.
    const pages = JSON.parse(element.dataset.pages);
    const href = (link) => pages[link.page] + (link.query ? `?${link.query}` : "") + (link.anchor ? `#${link.anchor}` : "");
    element.replaceChildren(
      ...(steps || []).map((step) => {
        const item = document.createElement("li");
        const title = document.createElement("strong");
        title.textContent = step.title;
        const text = document.createElement("p");
        text.textContent = step.text;
        const links = document.createElement("p");
        links.className = "calculator__step-links";
        for (const link of step.links.filter((each) => Object.hasOwn(pages, each.page))) {
          const anchor = document.createElement("a");
          anchor.href = href(link);
          anchor.textContent = link.label;
          links.append(anchor);
        }
        item.append(title, text, links);
        return item;
      }),
    );
  },
  svg(element, markup) {
    // Python draws the chart from numbers alone; no reader text reaches it.
    const svg = new DOMParser().parseFromString(markup || "<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml");
    element.replaceChildren(document.importNode(svg.documentElement, true));
  },
};

// Results the build computed (mkdocs_guide/calc/precompute.py) for the form's defaults and for
// the guide's own prefilled links, each with the values the form then holds.
function precomputed(root) {
  const block = root.querySelector("script[data-precomputed]");
  return block ? JSON.parse(block.textContent) : [];
}

const sameValues = (a, b) => Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((key) => a[key] === b[key]);

function showValue(element, value) {
  const show = SHOW[element.dataset.kind];
  if (show) show(element, value);
  else element.textContent = value ?? "";
}

function connect(root, worker) {
  const form = root.querySelector("form");
  const status = root.querySelector("[data-status]");
  const progress = root.querySelector("[data-progress]");
  const steps = progress.dataset.progress.split(" ");
  const retry = root.querySelector("[data-retry]");
  const alert = root.querySelector("[role=alert]");
  const name = root.dataset.calculator;
  let latest = 0;
  let timer;
  const latestId = () => `${name}:${latest}`;
  const ahead = precomputed(root);
  // Whether the outputs may hold a result the build computed (the page's HTML holds the
  // defaults' one), and whether the engine has started and can answer.
  let held = true;
  let engineReady = false;
  let engineNews = "loading";

  // data-msg-progress-runtime="…" is dataset.msgProgressRuntime. While the build's result is on
  // screen, the engine's loading is no news to the reader, and its failure changes only this:
  // the numbers cannot be changed yet.
  const showStatus = () => {
    let key = engineNews;
    if (held && key === "failed") key = "precomputed-failed";
    else if (held && (key === "loading" || key === "slow" || key.startsWith("progress-"))) key = "precomputed";
    status.textContent = root.dataset["msg" + key.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())] || "";
  };
  const say = (key) => {
    engineNews = key;
    showStatus();
  };

  // The messages on screen, as written. Every answer (one a keystroke) brings its errors again:
  // the alert is rewritten only when they change, or a screen reader would repeat it each time.
  let shownErrors = "[]";
  function showErrors(errors) {
    const key = JSON.stringify(errors.map(({ field, message }) => [field, message]));
    if (key === shownErrors) return;
    shownErrors = key;
    for (const p of root.querySelectorAll(".calculator__field-error")) {
      p.hidden = true;
      p.textContent = "";
    }
    for (const input of form.elements) input.removeAttribute("aria-invalid");
    alert.hidden = errors.length === 0;
    alert.replaceChildren();
    if (!errors.length) return;
    const intro = document.createElement("p");
    intro.textContent = root.dataset.msgErrors;
    const list = document.createElement("ul");
    for (const { field, message } of errors) {
      const item = document.createElement("li");
      item.textContent = message;
      list.append(item);
      const input = form.elements.namedItem(field);
      const note = root.querySelector(`[data-field="${CSS.escape(field)}"] .calculator__field-error`);
      if (input && input.setAttribute) input.setAttribute("aria-invalid", "true");
      if (note) {
        note.textContent = message;
        note.hidden = false;
      }
    }
    alert.append(intro, list);
  }

  function showOutputs(outputs) {
    for (const element of root.querySelectorAll("[data-output]")) showValue(element, outputs && outputs[element.dataset.output]);
  }

  // Outputs answered later (their package loads after the engine's first answers): a note where
  // each will appear, until it does, or saying that its package did not load.
  const notes = root.querySelectorAll("[data-pending-note]");
  let pending = [];
  function showPending(names) {
    pending = names;
    for (const note of notes) {
      note.hidden = !pending.includes(note.dataset.pendingNote);
      note.textContent = worker.laterFailed() ? root.dataset.msgPendingFailed : root.dataset.msgPending;
    }
  }

  function show(result) {
    held = false;
    if (root.dataset.state === "timeout" || root.dataset.state === "crashed") say("ready");
    root.dataset.state = result.ok ? "result" : "error";
    showErrors(result.ok ? [] : result.errors);
    showOutputs(result.ok ? result.outputs : null);
    showPending((result.ok && result.pending) || []);
  }

  // No result for the inputs on screen: what was shown belonged to earlier inputs.
  function lost(state) {
    held = false;
    say(state);
    root.dataset.state = state;
    showErrors([]);
    showOutputs(null);
    showPending([]);
  }

  // Before the engine answers, the build's result for exactly these values, if it has one;
  // otherwise nothing, never a result of other inputs.
  function fromBuild(values) {
    const entry = ahead.find((item) => sameValues(item.values, values));
    if (entry) {
      root.dataset.state = "precomputed";
      showErrors([]);
      showOutputs(entry.outputs);
      showPending([]);
    } else if (held) {
      showOutputs(null);
      if (root.dataset.state === "precomputed") delete root.dataset.state;
    }
    held = Boolean(entry);
    showStatus();
    return held;
  }

  // Whether the build's result for these values is on screen (the engine need not start for it).
  function compute() {
    remember(form);
    const values = formValues(form);
    const shown = !engineReady && fromBuild(values);
    latest += 1;
    worker.post({ id: latestId(), name, values, lang });
    return shown;
  }

  worker.listen((message) => {
    // After a timeout, the restarting engine's progress must not hide why the result is gone.
    const quiet = root.dataset.state === "timeout";
    if (message.type === "timeout") engineReady = false; // its worker was replaced
    if (message.type === "progress") {
      progress.hidden = quiet;
      progress.value = steps.indexOf(message.step) + 1;
      if (!quiet) say(`progress-${message.step}`);
    } else if (message.type === "ready") {
      // A replaced worker knows nothing of what the old one left pending: asked again.
      if (pending.length) compute();
      engineReady = true;
      progress.value = progress.max;
      progress.hidden = true;
      if (!quiet) say("ready");
    } else if (message.type === "later-failed") {
      showPending(pending);
    } else if (message.type === "engine") {
      root.dataset.engine = message.engine; // "snapshot" or "plain", for the tests and the bench
    } else if (message.type === "failed") {
      progress.hidden = true;
      say("failed");
      retry.hidden = false;
      root.dataset.state = "failed";
    } else if (message.type === "slow") {
      say("slow");
      retry.hidden = false;
    } else if (message.type === "timeout" && message.ids.includes(latestId())) {
      lost("timeout");
    } else if (message.type === "crashed" && message.id === latestId()) {
      lost("crashed");
    } else if (message.type === "result" && message.id === latestId()) {
      show(message.result);
    }
  });

  for (const button of root.querySelectorAll("[data-print]")) button.addEventListener("click", () => print());
  retry.textContent = root.dataset.msgRetry;
  retry.addEventListener("click", () => {
    retry.hidden = true;
    engineReady = false;
    say("loading");
    worker.restart();
    compute();
  });
  // The reader is about to change the numbers: the engine is needed now.
  form.addEventListener("focusin", () => worker.begin());
  form.addEventListener("input", () => {
    worker.begin();
    showApplicable(form);
    clearTimeout(timer);
    timer = setTimeout(compute, DEBOUNCE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    compute();
  });
  // Disabled in the page so that a browser without this script cannot submit the form (render.py).
  for (const button of form.querySelectorAll('button[type="submit"]')) button.disabled = false;
  prefill(form);
  showApplicable(form);
  say("loading");
  const precomputedNow = compute();
  return { compute, precomputed: precomputedNow };
}

// One worker per page, shared by its calculators, with two watchdogs: a slow start is
// reported (the reader may retry), and a computation that runs too long has its worker
// stopped and replaced, since a busy worker cannot be interrupted any other way.
const SLOW_START_MS = 20_000;
const COMPUTE_LIMIT_MS = 8_000;

// The packages the calculators on the page compute with beyond the wheel (data-packages, from
// Python), those only some outputs need (data-packages-later), and the calculators needing any,
// whose packages the worker imports itself: a first run that imported them could take longer on
// a slow phone than the compute watchdog allows.
const needsOf = (elements) => {
  const words = (key) => [...new Set(elements.flatMap((root) => root.dataset[key]?.split(" ") ?? []))];
  const needing = elements.filter((root) => root.dataset.packages || root.dataset.packagesLater);
  const packages = words("packages");
  return {
    packages,
    // One calculator's later package may be another's now: then it is loaded before "ready".
    later: words("packagesLater").filter((name) => !packages.includes(name)),
    warm: needing.map((root) => root.dataset.calculator),
  };
};

const spawn = () => new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });

function pyWorker(runtime, initialNeeds, chooseEngine) {
  let needs = initialNeeds;
  // Not started until begin(): requests wait here meanwhile, and are sent once it has.
  let queued = [];
  let beginning;
  let engine;
  const listeners = [];
  const emit = (message) => {
    for (const listen of listeners) listen(message);
  };
  let worker;
  let ready = false;
  // Requests posted and not answered yet. The worker answers them in order, each with its id.
  const unanswered = new Set();
  // The packages some outputs need, which the worker loads after "ready": "none" (not yet, or
  // none to load), "loading" (its imports may hold a computation up), "ready" or "failed".
  let later = "none";
  let slowTimer;
  let computeTimer;

  // Runs while the worker has work: it must answer within the limit, counted from its last
  // answer (or from the request, when it was idle), not from the latest request, which
  // typing would otherwise keep postponing.
  const watchCompute = () => {
    clearTimeout(computeTimer);
    if (!ready || unanswered.size === 0) return;
    computeTimer = setTimeout(
      () => {
        const ids = [...unanswered];
        start();
        emit({ type: "timeout", ids });
      },
      // Importing them takes seconds on a slow phone: a start's work, given a start's time.
      later === "loading" ? SLOW_START_MS : COMPUTE_LIMIT_MS,
    );
  };

  // A worker made before it is started (spawnEarly), idle until then; if its script failed to
  // load meanwhile (no handler was there to say so), start() makes a new one, which reports it.
  let spare = null;
  let spareFailed = false;

  function start() {
    if (worker) {
      worker.terminate();
      unanswered.clear(); // the old worker's requests will never be answered
    }
    ready = false;
    later = "none";
    clearTimeout(computeTimer);
    if (spare && spareFailed) spare.terminate();
    worker = spare && !spareFailed ? spare : spawn();
    spare = null;
    worker.onmessage = ({ data }) => {
      if (data.type === "ready") {
        ready = true;
        clearTimeout(slowTimer);
        watchCompute();
      }
      // Only the answer to a request still waited for restarts the clock for the next one.
      if ((data.type === "result" || data.type === "crashed") && unanswered.delete(data.id)) watchCompute();
      if (data.type === "failed") clearTimeout(slowTimer);
      if (data.type.startsWith("later-")) {
        later = data.type.slice("later-".length);
        watchCompute();
      }
      emit(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(slowTimer);
      emit({ type: "failed", message: event.message });
    };
    worker.postMessage({ type: "start", runtime, engine, ...needs });
    for (const message of queued) worker.postMessage(message);
    queued = [];
    clearTimeout(slowTimer);
    slowTimer = setTimeout(() => emit({ type: "slow" }), SLOW_START_MS);
  }

  return {
    // Starts the engine once (later calls wait for the same start), with the start chosen then.
    begin() {
      beginning ??= chooseEngine().then((chosen) => {
        engine = chosen;
        start();
      });
      return beginning;
    },
    post(message) {
      unanswered.add(message.id);
      if (!worker) {
        queued.push(message);
        return;
      }
      worker.postMessage(message);
      if (unanswered.size === 1) watchCompute(); // the worker was idle: the clock starts now
    },
    // Makes the worker now, so that its script is loaded and run while the start is decided.
    spawnEarly() {
      if (worker || spare) return;
      spare = spawn();
      spare.onerror = (event) => {
        event.preventDefault();
        spareFailed = true;
      };
    },
    listen: (listener) => listeners.push(listener),
    restart() {
      if (worker) start();
      else this.begin();
    },
    laterFailed: () => later === "failed",
    // Whether the worker was started with everything `wanted` asks for.
    has: (wanted) =>
      wanted.packages.every((name) => needs.packages.includes(name)) &&
      wanted.later.every((name) => needs.later.includes(name) || needs.packages.includes(name)),
    restartWith(wanted) {
      needs = wanted;
      if (worker) start();
    },
  };
}

// Whether this build's runtime is in the service worker's cache, whole (a later visit): then the
// snapshot start costs no download. The service worker knows its own build's cache; an earlier
// build's copy, or a file kept without the others (after a plain start the snapshot is kept
// last), does not count. A page the service worker does not control (a first visit) has its
// worker's requests go to the network whatever the cache holds.
// A service worker that does not answer (one being replaced, or an older one that does not know
// the question) is taken to keep nothing: the start then only costs downloads.
const KEPT_ANSWER_MS = 1_000;
// The messages' types (mkdocs_guide/publish/webapp.py, MESSAGES), written by the build.
const MESSAGES = {};
function runtimeCached() {
  const controller = navigator.serviceWorker?.controller;
  if (!controller) return Promise.resolve(false);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const answered = (kept) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(kept);
    };
    const timer = setTimeout(() => answered(false), KEPT_ANSWER_MS);
    channel.port1.onmessage = ({ data }) => answered(data === true);
    try {
      controller.postMessage({ type: MESSAGES.runtimeKept }, [channel.port2]);
    } catch {
      answered(false); // a redundant worker (a redeploy's) refuses messages
    }
  });
}

// Chromium keeps a script's compiled code beside the copy it ran from, written on that copy's
// first run. A page whose engine loaded Pyodide from the network leaves the service worker
// holding copies that never ran, and the next visit would compile Pyodide's JavaScript again.
// So once the service worker says it has kept the runtime, the page runs Pyodide's modules from
// there, while idle, in a worker of their own, and stops it; <html data-code-cache="primed">.
const PRIME_LINGER_MS = 1_000; // the code cache is written in a task after the modules have run
function primeWhenKept(runtime) {
  const container = navigator.serviceWorker;
  if (!container) return;
  let primed = false;
  const kept = async ({ data }) => {
    if (data?.type !== MESSAGES.remembered || primed) return;
    if (!(await runtimeCached()) || primed) return;
    primed = true;
    container.removeEventListener("message", kept);
    whenIdle(() => {
      const worker = spawn();
      worker.onmessage = ({ data: answer }) => {
        if (answer.type === "failed") worker.terminate();
        if (answer.type !== "primed") return;
        setTimeout(() => {
          worker.terminate();
          document.documentElement.dataset.codeCache = "primed";
        }, PRIME_LINGER_MS);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        worker.terminate();
      };
      worker.postMessage({ type: "prime", runtime });
    });
  };
  container.addEventListener("message", kept);
}

// What the browser tells of the link, and what the page's own downloads measured.
const link = () =>
  linkSpeed(
    navigator.connection,
    [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")],
    location.hostname,
  );

function whenIdle(then) {
  const idle = () => (globalThis.requestIdleCallback ? requestIdleCallback(then, { timeout: 2000 }) : setTimeout(then, 200));
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}

if (location.protocol === "file:") {
  for (const root of roots) root.querySelector("[data-status]").textContent = root.dataset.msgFile;
} else if (roots.length) {
  // The runtime's folder, resolved against this page: the worker lives elsewhere.
  const runtime = new URL(roots[0].dataset.runtime, location.href).href;
  const cached = runtimeCached();
  // Kept already: this page's engine runs from the service worker's copies, and so compiles them.
  cached.then((kept) => {
    if (!kept) primeWhenKept(runtime);
  });
  const worker = pyWorker(runtime, needsOf(roots), async () => {
    const engine = await chooseStart({ link: link(), runtimeCached: cached });
    for (const root of document.querySelectorAll("[data-calculator]")) root.dataset.engineChosen = engine;
    return engine;
  });
  // Under the service worker, worker.mjs comes from its cache: making the worker costs no
  // download, and its start overlaps the cache check below.
  if (navigator.serviceWorker?.controller && link() !== "save-data") worker.spawnEarly();
  const connected = roots.map((root) => connect(root, worker));
  const computes = connected.map((each) => each.compute);
  const allPrecomputed = connected.every((each) => each.precomputed);
  startWhen({ link: link(), runtimeCached: cached, precomputed: allPrecomputed }).then((when) => {
    if (when === "now") worker.begin();
    else if (when === "idle") whenIdle(() => worker.begin());
  });
  // The script is async (the worker starts before the page has finished loading): a calculator
  // further down the page is connected once the page is parsed. If it needs packages the
  // worker was not started with, the worker restarts with them and every calculator recomputes.
  document.addEventListener("DOMContentLoaded", () => {
    const all = [...document.querySelectorAll("[data-calculator]")];
    const later = all.filter((root) => !roots.includes(root));
    if (!later.length) return;
    const needed = needsOf(all);
    const restart = !worker.has(needed);
    if (restart) worker.restartWith(needed);
    const added = later.map((root) => connect(root, worker));
    if (added.some((each) => !each.precomputed)) worker.begin();
    if (restart) for (const compute of computes) compute();
  });
}
