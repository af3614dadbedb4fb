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

// Material opens the navigation drawer (phone widths) with <label for="__drawer">, which Tab
// does not reach: replaced by a button, with the label's icon and classes, that toggles the same
// checkbox. Escape, or Tab out of the open drawer, closes it. Opened from the keyboard, focus
// goes to the drawer's first link; closed by Escape, back to the button.
{
  const drawer = document.getElementById("__drawer");
  const label = document.querySelector('.md-header label[for="__drawer"]');
  const sidebar = document.querySelector(".md-sidebar--primary");
  const nav = sidebar && sidebar.querySelector(".md-nav--primary");
  if (drawer && label && nav) {
    const opener = document.createElement("button");
    opener.type = "button";
    opener.className = label.className;
    opener.dataset.drawer = ""; // guide.css hides it where Material hides the label
    opener.setAttribute("aria-label", nav.getAttribute("aria-label") || "");
    opener.append(...label.childNodes);
    label.replaceWith(opener);
    // Material also sets the checkbox itself (closing the drawer when the page changes).
    const expanded = () => opener.setAttribute("aria-expanded", String(drawer.checked));
    expanded();
    opener.addEventListener("focus", expanded);
    drawer.addEventListener("change", expanded);
    opener.addEventListener("click", (event) => {
      drawer.click(); // checked, and Material told, as by the label
      // A pointer's click has coordinates; a key's (Enter, Space) has none.
      if (drawer.checked && event.detail === 0) sidebar.querySelector("a[href]").focus();
    });
    sidebar.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && drawer.checked) {
        drawer.click();
        opener.focus();
      }
    });
    sidebar.addEventListener("focusout", (event) => {
      if (drawer.checked && event.relatedTarget && !sidebar.contains(event.relatedTarget)) drawer.click();
    });
  }
}
