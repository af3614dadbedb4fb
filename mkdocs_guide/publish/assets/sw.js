// The site's service worker: pages already read, and the calculators, keep working offline.
// The build writes BUILD (a hash of every built file) and RUNTIME (what the calculators
// load), so each deployment gets its own cache and activating it deletes the old ones.
const BUILD = "dev";
const RUNTIME = [];
const PREFIX = "guide-";
const CACHE = PREFIX + BUILD;
const scope = self.registration.scope;
// URL → promise of its response being in the cache, so nothing is downloaded twice at once.
const storing = new Map();

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// Store a copy while the original streams on to the page (Pyodide compiles its wasm as it arrives).
function keep(event, request, response) {
  // Only whole, same-origin answers: no errors, redirects or partial content.
  if (response.status !== 200 || response.type !== "basic") return response;
  const url = typeof request === "string" ? request : request.url;
  const copy = response.clone();
  const stored = caches.open(CACHE)
    .then((cache) => cache.put(request, copy))
    .catch(() => {}) // a full disk costs the copy, never the answer
    .finally(() => storing.delete(url));
  storing.set(url, stored);
  event.waitUntil(stored);
  return response;
}

// Pages: the network first, so a reader online always gets the current text.
async function networkFirst(event) {
  const { request } = event;
  try {
    return keep(event, request, await fetch(request));
  } catch (error) {
    const cache = await caches.open(CACHE);
    // The calculators keep their inputs in the query string.
    const saved = (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true }));
    if (saved) return saved;
    throw error;
  }
}

// Everything else belongs to this build (the cache is named after it): the cache first.
async function cacheFirst(event) {
  const { request } = event;
  await storing.get(request.url); // being downloaded already: wait for that copy
  const saved = await caches.match(request, { cacheName: CACHE });
  return saved || keep(event, request, await fetch(request));
}

// HEAD asks whether a file is there (the calculators' worker checks Pyodide's files so):
// a kept copy answers that as well as the network would.
async function head(event) {
  const saved = await caches.match(event.request.url, { cacheName: CACHE });
  if (!saved) return fetch(event.request);
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
  const cache = await caches.open(CACHE);
  await Promise.all(urls.map(async (url) => {
    if (storing.has(url)) return storing.get(url);
    if (await cache.match(url)) return undefined;
    keep(event, url, await fetch(url));
    return storing.get(url);
  }));
}

self.addEventListener("message", (event) => {
  const { data, source } = event;
  if (!data || data.type !== "remember" || !Array.isArray(data.urls)) return;
  const urls = data.urls.map(String).filter((url) => url.startsWith(scope));
  if (data.runtime) urls.push(...RUNTIME.map((path) => new URL(path, scope).href));
  const reply = (type) => source && source.postMessage({ type, build: BUILD });
  event.waitUntil(remember(event, [...new Set(urls)]).then(() => reply("remembered"), () => reply("not-remembered")));
});
