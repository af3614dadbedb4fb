// Connects each [data-calculator] form to Python running in a Web Worker.
// All computing and all messages come from Python; this only moves values
// between the form, the URL and the worker, and shows what comes back.
const roots = [...document.querySelectorAll("[data-calculator]")];
const lang = document.documentElement.lang === "zh-Hant" ? "zh-Hant" : "zh";
// Only merges the input events of one burst (a paste, autofill): a computation takes a few ms,
// and 60 ms here made a changed input's result take 67 ms at the median (make bench).
const DEBOUNCE_MS = 10;

function formValues(form) {
  const values = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    values[element.name] = element.type === "checkbox" ? String(element.checked) : element.value;
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

function remember(values) {
  const url = new URL(location.href);
  url.search = new URLSearchParams(values).toString();
  history.replaceState(null, "", url);
}

function showValue(element, value) {
  if (element.tagName === "TBODY") {
    const columns = element.dataset.columns.split(",");
    element.replaceChildren(
      ...(value || []).map((row) => {
        const tr = document.createElement("tr");
        for (const key of columns) {
          const td = document.createElement("td");
          td.textContent = row[key];
          tr.append(td);
        }
        return tr;
      }),
    );
  } else if (element.dataset.kind === "link") {
    // A query string from Python: the next calculator opens prefilled.
    element.hidden = !value;
    for (const link of element.querySelectorAll("a")) link.href = value ? `${link.dataset.base}?${value}` : link.dataset.base;
  } else if (element.dataset.kind === "download") {
    element.hidden = !value;
    if (element.href.startsWith("blob:")) URL.revokeObjectURL(element.href);
    // The BOM lets spreadsheet programs read the Chinese headers as UTF-8.
    element.href = value ? URL.createObjectURL(new Blob(["\ufeff" + value], { type: "text/csv;charset=utf-8" })) : "";
  } else if (element.dataset.kind === "svg") {
    // Python draws the chart from numbers alone; no reader text reaches it.
    const svg = new DOMParser().parseFromString(value || "<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml");
    element.replaceChildren(document.importNode(svg.documentElement, true));
  } else {
    element.textContent = value ?? "";
  }
}

function connect(root, worker) {
  const form = root.querySelector("form");
  const status = root.querySelector("[data-status]");
  const progress = root.querySelector("[data-progress]");
  const retry = root.querySelector("[data-retry]");
  const alert = root.querySelector("[role=alert]");
  const name = root.dataset.calculator;
  let latest = 0;
  let timer;

  // data-msg-progress-runtime="…" is dataset.msgProgressRuntime.
  const say = (key) => {
    status.textContent = root.dataset["msg" + key.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())] || "";
  };

  function showErrors(errors) {
    for (const p of root.querySelectorAll(".calculator__field-error")) { p.hidden = true; p.textContent = ""; }
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
      const note = root.querySelector(`#calc-${name}-${field}-error`);
      if (input && input.setAttribute) input.setAttribute("aria-invalid", "true");
      if (note) { note.textContent = message; note.hidden = false; }
    }
    alert.append(intro, list);
  }

  function show(result) {
    if (root.dataset.state === "timeout") say("ready");
    root.dataset.state = result.ok ? "result" : "error";
    showErrors(result.ok ? [] : result.errors);
    for (const element of root.querySelectorAll("[data-output]")) {
      showValue(element, result.ok ? result.outputs[element.dataset.output] : null);
    }
  }

  function compute() {
    const values = formValues(form);
    remember(values);
    latest += 1;
    worker.post({ id: `${name}:${latest}`, name, values, lang });
  }

  worker.listen((message) => {
    // After a timeout, the restarting engine's progress must not hide why the result is gone.
    const quiet = root.dataset.state === "timeout";
    if (message.type === "progress") { progress.hidden = quiet; progress.value = message.step; if (!quiet) say(message.step === 1 ? "progress-runtime" : "progress-package"); }
    else if (message.type === "ready") { progress.value = 3; progress.hidden = true; if (!quiet) say("ready"); }
    else if (message.type === "engine") root.dataset.engine = message.engine; // "snapshot" or "plain", for the tests and the bench
    else if (message.type === "failed") { progress.hidden = true; say("failed"); retry.hidden = false; root.dataset.state = "failed"; }
    else if (message.type === "slow") { say("slow"); retry.hidden = false; }
    else if (message.type === "timeout") { say("timeout"); root.dataset.state = "timeout"; }
    else if (message.type === "crashed" && message.id === `${name}:${latest}`) { say("crashed"); root.dataset.state = "crashed"; }
    else if (message.type === "result" && message.id === `${name}:${latest}`) show(message.result);
  });

  retry.textContent = root.dataset.msgRetry;
  retry.addEventListener("click", () => { retry.hidden = true; say("loading"); worker.restart(); compute(); });
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(compute, DEBOUNCE_MS); });
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); compute(); });
  prefill(form);
  say("loading");
  compute();
}

// One worker per page, shared by its calculators, with two watchdogs: a slow start is
// reported (the reader may retry), and a computation that runs too long has its worker
// stopped and replaced, since a busy worker cannot be interrupted any other way.
const SLOW_START_MS = 20_000;
const COMPUTE_LIMIT_MS = 8_000;

function pyWorker() {
  const listeners = [];
  const emit = (message) => listeners.forEach((listen) => listen(message));
  let worker;
  let ready = false;
  let pending = null;
  let slowTimer;
  let computeTimer;

  const watchCompute = () => {
    clearTimeout(computeTimer);
    if (!ready || !pending) return;
    computeTimer = setTimeout(() => {
      pending = null;
      start();
      emit({ type: "timeout" });
    }, COMPUTE_LIMIT_MS);
  };

  function start() {
    if (worker) worker.terminate();
    ready = false;
    worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => {
      if (data.type === "ready") { ready = true; clearTimeout(slowTimer); watchCompute(); }
      if (data.type === "result" || data.type === "crashed") { pending = null; clearTimeout(computeTimer); }
      if (data.type === "failed") clearTimeout(slowTimer);
      emit(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(slowTimer);
      emit({ type: "failed", message: event.message });
    };
    clearTimeout(slowTimer);
    slowTimer = setTimeout(() => emit({ type: "slow" }), SLOW_START_MS);
  }

  start();
  return {
    post(message) {
      pending = message;
      worker.postMessage(message);
      watchCompute();
    },
    listen: (listener) => listeners.push(listener),
    restart: start,
  };
}

if (location.protocol === "file:") {
  for (const root of roots) root.querySelector("[data-status]").textContent = root.dataset.msgFile;
} else if (roots.length) {
  const worker = pyWorker();
  for (const root of roots) connect(root, worker);
  // The script is async (the worker starts before the page has finished loading): a calculator
  // further down the page is connected once the page is parsed.
  document.addEventListener("DOMContentLoaded", () => {
    for (const root of document.querySelectorAll("[data-calculator]")) if (!roots.includes(root)) connect(root, worker);
  });
}
