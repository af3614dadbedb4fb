// Material asks for its search index on every page load, but most readers never search, and on
// mobile data those bytes compete with the page and a calculator's engine. This classic script
// runs before Material's bundle (overrides/main.html) and holds back that one request, the page's
// own index beside its config "base", until the reader opens search (focus in the search form,
// or Material's search toggle). Material sends a query typed meanwhile once the index is in.
// From file:// Material loads the index as a script only when search opens: nothing to do there.
(() => {
  if (location.protocol === "file:") return;
  const { open, send, abort } = XMLHttpRequest.prototype;
  const held = new WeakSet(); // opened for the index
  const waiting = new Map(); // request → its send()'s arguments
  let wanted = false;

  function indexUrl() {
    const config = document.getElementById("__config");
    if (!config) return undefined;
    const base = new URL(JSON.parse(config.textContent).base, location.href);
    return new URL("search/search_index.json", base).href;
  }

  function isIndex(method, url) {
    if (wanted || String(method).toUpperCase() !== "GET") return false;
    try {
      return new URL(url, location.href).href === indexUrl();
    } catch {
      return false; // open() itself reports a bad URL
    }
  }

  function want() {
    if (wanted) return;
    wanted = true;
    removeEventListener("focusin", onFocus, true);
    removeEventListener("change", onChange, true);
    for (const [request, args] of waiting) send.apply(request, args);
    waiting.clear();
  }

  function onFocus(event) {
    if (event.target instanceof Element && event.target.closest("form[name=search]")) want();
  }

  function onChange(event) {
    if (event.target instanceof Element && event.target.matches("[data-md-toggle=search]") && event.target.checked) want();
  }

  addEventListener("focusin", onFocus, true);
  addEventListener("change", onChange, true);

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    waiting.delete(this);
    if (isIndex(method, url)) held.add(this);
    else held.delete(this);
    return open.call(this, method, url, ...rest);
  };

  XMLHttpRequest.prototype.send = function (...args) {
    if (wanted || !held.has(this)) return send.apply(this, args);
    waiting.set(this, args);
    return undefined;
  };

  // A request aborted while held (Material aborts one it no longer needs) is never sent.
  XMLHttpRequest.prototype.abort = function () {
    waiting.delete(this);
    return abort.call(this);
  };
})();
