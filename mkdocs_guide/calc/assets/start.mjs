// Which start the calculators' engine takes, and when it starts: decided from what the
// reader's browser tells (navigator.connection), what it has (the service worker's cache)
// and what the page already shows (the build's results). Pure functions, tested with made-up
// inputs in tests/browser/test_engine_start.py; calculator.js feeds them the real ones.

// Below this a first visit is faster with the plain start: the snapshot costs megabytes more
// and saves seconds of start-up (README, Benchmark).
export const FAST_LINK_MBPS = 17;
// Chromium reports at most 10 Mbit/s (a privacy cap): a figure below it is an estimate, the cap
// itself only says "10 or more".
const DOWNLINK_CAP_MBPS = 10;
// Fewer bytes than this tell nothing of a link's speed: a first burst carries them at once.
const MIN_MEASURED_BYTES = 150_000;

// The link's speed in Mbit/s from the page's own downloads (Resource Timing entries): the bytes
// that crossed the network over the time any of them was arriving; null if too few crossed.
export function measuredMbps(entries) {
  const spans = entries
    .filter((entry) => entry.transferSize > 0 && entry.responseEnd > entry.responseStart)
    .map((entry) => [entry.responseStart, entry.responseEnd, entry.transferSize])
    .sort((a, b) => a[0] - b[0]);
  let bytes = 0;
  let busy = 0;
  let until = -Infinity;
  for (const [start, end, size] of spans) {
    bytes += size;
    busy += Math.max(0, end - Math.max(start, until));
    until = Math.max(until, end);
  }
  if (bytes < MIN_MEASURED_BYTES || busy <= 0) return null;
  return (bytes * 8) / 1000 / busy; // bytes per ms → Mbit/s
}

// Host names of this very machine: a site served from it (the offline bundle's launcher,
// make serve) crosses no link.
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

// "save-data" (the reader asked the browser to save data), "slow", "fast" or "unknown".
// The reader's wish and mobile data come first; then whether the site is on this machine
// (hostname), where the browser's guesses about its network do not apply (a fresh Chromium
// profile guesses 1.55 Mbit/s); then what the browser tells; then the page's own downloads.
export function linkSpeed(connection, entries, hostname = "") {
  if (connection?.saveData === true) return "save-data";
  // Mobile data (Chrome on Android tells): metered, and rarely fast enough for the snapshot's megabytes.
  if (connection?.type === "cellular") return "slow";
  if (LOOPBACK.test(hostname)) return "fast";
  const type = connection?.effectiveType;
  if (type && type !== "4g") return "slow";
  const downlink = connection?.downlink;
  if (typeof downlink === "number" && downlink > 0) {
    if (downlink < Math.min(DOWNLINK_CAP_MBPS, FAST_LINK_MBPS)) return "slow";
    if (downlink >= FAST_LINK_MBPS) return "fast";
  }
  const mbps = measuredMbps(entries);
  if (mbps === null) return "unknown";
  return mbps >= FAST_LINK_MBPS ? "fast" : "slow";
}

// "snapshot" when its bytes come fast or are already here; otherwise (a slow, metered or
// unknown link on a first visit) "plain", which downloads megabytes less. runtimeCached may be
// a promise (the cache check): a fast link decides without waiting for it.
export async function chooseStart({ link, runtimeCached }) {
  if (link === "fast") return "snapshot";
  return (await runtimeCached) ? "snapshot" : "plain";
}

// "now" when the page cannot show a result without the engine (a query the build did not
// compute) or the runtime costs no download; "touch" (first focus or input in a form) for a
// reader who asked to save data; otherwise "idle" (when the page is idle, or at touch if sooner).
// runtimeCached may be a promise, as for chooseStart: a page without a result does not wait for it.
export async function startWhen({ link, runtimeCached, precomputed }) {
  if (!precomputed || (await runtimeCached)) return "now";
  return link === "save-data" ? "touch" : "idle";
}
