// The site's service worker: pages already read, and the calculators, keep working offline.
// The build writes BUILD (a hash of every built file) and RUNTIME (what the calculators
// load). Each deployment has two caches: FILES (every other file, the runtime included;
// cache first) and PAGES (the MAX_PAGES pages read last; network first). Everything is
// stored under its address without the query, and never with the query in its url (copyFor),
// so nothing typed into a calculator is kept.
// A redeployed site's worker keeps the previous build's caches until its own runtime is
// complete: offline meanwhile, a reader gets the previous build whole, calculators included.
const BUILD = "dev";
const RUNTIME = [];
// The messages' types (mkdocs_guide/publish/webapp.py, MESSAGES), written by the build.
const MESSAGES = {};
const MAX_PAGES = 40;
const PREFIX = "guide-";
const FILES = PREFIX + BUILD;
const PAGES = `${FILES}-pages`;
const COMPLETE = "-complete";
const scope = self.registration.scope;
const RUNTIME_URLS = new Set(RUNTIME.map((path) => new URL(path, scope).href));
// URL → promise of its response being in the cache, so nothing is downloaded twice at once.
const storing = new Map();

function key(url) {
  const address = new URL(url);
  address.search = "";
  address.hash = "";
  return address.href;
}

// A build's FILES holds every file of its RUNTIME once an empty cache named FILES + COMPLETE exists.
function isComplete(files) {
  return caches.has(files + COMPLETE);
}

// The FILES cache of the last earlier build whose runtime was complete, if one is kept.
async function previousBuild() {
  const complete = (await caches.keys()).filter(
    (name) => name.startsWith(PREFIX) && name.endsWith(COMPLETE) && name !== FILES + COMPLETE,
  );
  return complete.length ? complete[complete.length - 1].slice(0, -COMPLETE.length) : undefined;
}

// Other builds' caches go, except a complete previous one while this build's runtime is not.
async function tidy() {
  const previous = (await isComplete(FILES)) ? undefined : await previousBuild();
  const kept = new Set([FILES, PAGES, FILES + COMPLETE]);
  if (previous) [previous, `${previous}-pages`, previous + COMPLETE].forEach((name) => kept.add(name));
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && !kept.has(name)) await caches.delete(name);
  }
}

async function checkComplete() {
  if (await isComplete(FILES)) return;
  const cache = await caches.open(FILES);
  const held = await Promise.all([...RUNTIME_URLS].map((url) => cache.match(url)));
  if (held.includes(undefined)) return;
  await caches.open(FILES + COMPLETE);
  await tidy();
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    await checkComplete();
    await tidy();
    await self.clients.claim();
  })());
});

async function keepPage(cache, url, copy) {
  await cache.delete(url); // stored anew at the end: the keys run from least to most recent
  await cache.put(url, copy);
  const pages = await cache.keys();
  await Promise.all(pages.slice(0, Math.max(0, pages.length - MAX_PAGES)).map((old) => cache.delete(old)));
}

// A copy to store under url. A Response keeps the address it was fetched from (its url, query
// included) whatever key it is stored under, so one fetched with a query is stored as a new
// Response of the same body, status and headers, whose url is empty: nothing typed is kept.
// One fetched at its key keeps its url (the browser's compiled-wasm cache is keyed by it).
function copyFor(url, response) {
  const copy = response.clone();
  if (copy.url === url) return copy;
  return new Response(copy.body, { status: copy.status, statusText: copy.statusText, headers: copy.headers });
}

// Store a copy while the original streams on to the page (Pyodide compiles its wasm as it arrives).
function keep(event, url, response) {
  // Only whole, same-origin answers: no errors, redirects or partial content.
  if (response.status !== 200 || response.type !== "basic") return response;
  const page = (response.headers.get("content-type") || "").startsWith("text/html");
  const copy = copyFor(url, response);
  const stored = caches.open(page ? PAGES : FILES)
    .then(async (cache) => {
      if (page) return keepPage(cache, url, copy);
      await cache.put(url, copy);
      return RUNTIME_URLS.has(url) ? checkComplete() : undefined;
    })
    .catch(() => {}) // a full disk costs the copy, never the answer
    .finally(() => storing.delete(url));
  storing.set(url, stored);
  event.waitUntil(stored);
  return response;
}

// Offline: while this build's runtime is incomplete, the previous build first (its pages and
// calculators fit together), then this build.
async function offlineCopy(url) {
  const previous = (await isComplete(FILES)) ? undefined : await previousBuild();
  const names = previous ? [`${previous}-pages`, previous, PAGES, FILES] : [PAGES, FILES];
  for (const cacheName of names) {
    const saved = await caches.match(url, { cacheName });
    if (saved) return saved;
  }
  return undefined;
}

// This build's copy of a file, unless the file belongs to its runtime, which is incomplete
// while a previous one is kept: then it comes from the network, or offline from that build.
async function ownCopy(url) {
  if (RUNTIME_URLS.has(url) && !(await isComplete(FILES)) && (await previousBuild())) return undefined;
  return caches.match(url, { cacheName: FILES });
}

// Pages: the network first, so a reader online always gets the current text.
async function networkFirst(event) {
  const url = key(event.request.url);
  try {
    return keep(event, url, await fetch(event.request));
  } catch (error) {
    const saved = await offlineCopy(url);
    if (saved) return saved;
    throw error;
  }
}

// Everything else belongs to this build (its cache is named after it): the cache first.
async function cacheFirst(event) {
  const url = key(event.request.url);
  await storing.get(url); // being downloaded already: wait for that copy
  const saved = await ownCopy(url);
  if (saved) return saved;
  try {
    return keep(event, url, await fetch(event.request));
  } catch (error) {
    const old = await offlineCopy(url);
    if (old) return old;
    throw error;
  }
}

// HEAD asks whether a file is there (the calculators' worker checks Pyodide's files so):
// a kept copy answers that as well as the network would.
async function head(event) {
  const url = key(event.request.url);
  let saved = await ownCopy(url);
  if (!saved) {
    try {
      return await fetch(event.request);
    } catch (error) {
      saved = await offlineCopy(url);
      if (!saved) throw error;
    }
  }
  return new Response(null, { status: saved.status, statusText: saved.statusText, headers: saved.headers });
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (!request.url.startsWith(scope) || request.headers.has("range")) return;
  if (request.method === "HEAD") event.respondWith(head(event));
  if (request.method !== "GET") return;
  const page = request.mode === "navigate" || request.destination === "document" || request.destination === "iframe";
  event.respondWith(page ? networkFirst(event) : cacheFirst(event));
});

// A page names what it used (it may have loaded before this worker controlled it);
// a calculator page also asks for the runtime, which its Web Worker fetches.
async function remember(event, urls) {
  await Promise.all(urls.map(async (url) => {
    if (storing.has(url)) return storing.get(url);
    if (await caches.match(url, { cacheName: FILES }) || await caches.match(url, { cacheName: PAGES })) return undefined;
    keep(event, url, await fetch(url));
    return storing.get(url);
  }));
}

self.addEventListener("message", (event) => {
  const { data, source } = event;
  // A calculator page asks whether its start would download nothing (calculator.js, runtimeCached):
  // until this build's runtime is complete, its files come from the network (ownCopy).
  if (data?.type === MESSAGES.runtimeKept && event.ports[0]) {
    const [port] = event.ports;
    event.waitUntil(isComplete(FILES).then((kept) => port.postMessage(kept), () => port.postMessage(false)));
    return;
  }
  if (!data || data.type !== MESSAGES.remember || !Array.isArray(data.urls)) return;
  const urls = data.urls.map(String).filter((url) => url.startsWith(scope)).map(key);
  if (data.runtime) urls.push(...RUNTIME_URLS);
  const reply = (type) => source && source.postMessage({ type, build: BUILD });
  const done = remember(event, [...new Set(urls)]).then(() => (data.runtime ? checkComplete() : undefined));
  event.waitUntil(done.then(() => reply(MESSAGES.remembered), () => reply(MESSAGES.notRemembered)));
});
