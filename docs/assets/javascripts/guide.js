// Wide tables scroll inside a wrapper that Material adds at run time: make each
// wrapper reachable with the keyboard and give it a name for screen readers, after
// its caption or the heading above it; regions of one page need distinct names.
function heading(element) {
  for (let node = element; node && !node.matches(".md-content"); node = node.parentElement) {
    for (let before = node.previousElementSibling; before; before = before.previousElementSibling) {
      if (/^H[1-6]$/.test(before.tagName)) return before;
    }
  }
  return null;
}

function text(element) {
  const copy = element.cloneNode(true);
  for (const link of copy.querySelectorAll(".headerlink")) link.remove();
  return copy.textContent.trim();
}

document$.subscribe(() => {
  const named = new Map();
  for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) {
    const title = wrapper.querySelector("caption") || heading(wrapper);
    const name = title ? `表格：${text(title)}` : "表格";
    const count = (named.get(name) || 0) + 1;
    named.set(name, count);
    wrapper.tabIndex = 0;
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", count > 1 ? `${name}（${count}）` : name);
  }
});
