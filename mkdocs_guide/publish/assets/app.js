// What every page runs for reading offline (a classic script: it must also run from file://).
// Served: registers the site's service worker (sw.js at the site root, so it covers both
// scripts), then names what this page used so the worker keeps it; <html data-offline="ready">
// says it has ("failed": it could not). From file:// (the offline bundle): the calculators' module script cannot load,
// so each calculator says here how to start the bundle's launcher instead.
(() => {
  if (location.protocol === "file:") {
    addEventListener("DOMContentLoaded", () => {
      for (const calculator of document.querySelectorAll("[data-calculator][data-msg-file]")) {
        const status = calculator.querySelector("[data-status]");
        if (status) status.textContent = calculator.dataset.msgFile;
      }
    });
    return;
  }
  const script = document.currentScript;
  if (!("serviceWorker" in navigator) || script.hasAttribute("data-no-service-worker")) return;
  // This file is assets/app/app.js: the site root is two folders up.
  const root = new URL("../../", script.src);
  const html = document.documentElement;
  // The messages' types (mkdocs_guide/publish/webapp.py, MESSAGES), written by the build.
  const MESSAGES = {};

  // Pyodide loads in a Web Worker the service worker sees only once it controls the page.
  const controlled = navigator.serviceWorker.controller !== null;
  const calculator = document.querySelector("[data-calculator]");
  // A reader who asked the browser to save data gets only what the page used kept (at once: it is
  // in the HTTP cache), not the runtime's other files (megabytes they did not ask for).
  const saveData = Boolean(navigator.connection && navigator.connection.saveData);

  function used() {
    const own = (url) => url.startsWith(root.href);
    // The address as loaded, without its query: what a reader typed is never passed on.
    const [loaded] = performance.getEntriesByType("navigation");
    const resources = performance.getEntriesByType("resource").map((entry) => entry.name);
    return [loaded ? loaded.name : location.href, ...resources].map((url) => url.split(/[?#]/)[0]).filter(own);
  }

  // On a first visit, wait until the calculator's engine has answered (or failed: data-state is
  // then one of these), and then until the page is idle: what the service worker then asks for is
  // in the browser's HTTP cache already rather than downloaded a second time, and the rest of the
  // runtime (the snapshot after a plain start) does not compete with the reader's first result.
  const ANSWERS = ["result", "error", "crashed", "timeout", "failed"];
  const answered = () => ANSWERS.includes(calculator.dataset.state);
  function settled(then) {
    const idle = () => (window.requestIdleCallback ? requestIdleCallback(then, { timeout: 5000 }) : setTimeout(then, 500));
    if (!calculator || controlled || saveData) return then();
    if (answered()) return idle();
    const observer = new MutationObserver(() => {
      if (!answered()) return;
      observer.disconnect();
      idle();
    });
    observer.observe(calculator, { attributes: true, attributeFilter: ["data-state"] });
    return undefined;
  }


  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    // "failed": the worker could not keep it all (a full disk, the network gone meanwhile).
    if (data && data.type === MESSAGES.remembered) html.dataset.offline = "ready";
    else if (data && data.type === MESSAGES.notRemembered && html.dataset.offline !== "ready") html.dataset.offline = "failed";
  });
  navigator.serviceWorker.startMessages(); // addEventListener alone leaves the replies queued

  function remember(registration) {
    settled(() => {
      // A redeployed site's worker that this page sees coming: the page asks it once it controls
      // the page (controllerchange), not the old one. Chromium stops the old worker to let the new
      // one in, and a message that restarts it holds the new one back until the old one is idle.
      const newer = registration.installing || registration.waiting;
      if (newer) {
        const changed = () => {
          if (newer.state !== "activated" && newer.state !== "redundant") return;
          newer.removeEventListener("statechange", changed);
          if (newer.state === "redundant") remember(registration); // it failed: ask the one there is
        };
        newer.addEventListener("statechange", changed);
        return;
      }
      const worker = navigator.serviceWorker.controller || registration.active;
      if (worker) worker.postMessage({ type: MESSAGES.remember, urls: used(), runtime: calculator !== null && !saveData });
    });
  }

  function start() {
    navigator.serviceWorker
      .register(new URL("sw.js", root), { scope: root.pathname })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        remember(registration);
        // A redeployed site's worker takes over with empty caches: keep this page there too.
        navigator.serviceWorker.addEventListener("controllerchange", () => remember(registration));
      })
      .catch(() => {}); // without a service worker the site works as before, online only
  }

  if (document.readyState === "complete") start();
  else addEventListener("load", start, { once: true });
})();
