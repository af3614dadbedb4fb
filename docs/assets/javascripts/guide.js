// A classic script (Material loads extra_javascript so): everything in this function, none of it
// in the page's global scope.
(() => {
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

  // In the drawer (phone widths) each section, and the current page's table of contents, is a panel
  // that slides over the one before; Material opens and closes it with labels (the section's name, and
  // the panel's title with its "←"), which Tab reaches only where Material gives them a tabindex (not
  // for sections, nor for titles). At these widths each is replaced by a button (the label's classes,
  // id, children and `for`, which Material's stylesheet selects by) with aria-expanded, that toggles
  // the same checkbox and moves focus to the panel's title, or back to the button that opened it.
  // Wider, the labels are put back (section names are headings there). guide.css hides the panels
  // not on top, and gives the buttons the labels' look.
  const phone = matchMedia("(max-width: 76.234375em)");

  // Laid out and not hidden (guide.css hides the panels not on top).
  const shown = (element) =>
    Boolean(element) && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";

  // The panel on top (the deepest open one that is laid out: Material leaves the table of contents
  // out of the drawer from 60em) and what focus takes there: its title, or the logo; never a hidden
  // element: failing those, the drawer's first link or button that can be seen.
  function topOfDrawer(nav) {
    let panel = nav;
    for (;;) {
      const open = panel.querySelector(":scope > .md-nav__list > .md-nav__item > .md-nav__toggle:checked ~ .md-nav");
      if (!open || open.getClientRects().length === 0) break;
      panel = open;
    }
    const target = panel === nav ? nav.querySelector("a[href]") : panel.querySelector(":scope > .md-nav__title");
    return shown(target) ? target : [...nav.querySelectorAll("a[href], button")].find(shown) || target;
  }

  {
    const nav = document.querySelector(".md-sidebar--primary .md-nav--primary");
    const labels = nav ? [...nav.querySelectorAll('label[for]:not([for="__drawer"])')] : [];
    const pairs = labels.map((label) => {
      const button = document.createElement("button");
      button.type = "button";
      // `for` is kept, though meaningless on a button: Material's stylesheet selects by it
      // (.md-nav__link[for], .md-nav__title[for="__drawer"]…), and so do guide.css and the tests.
      for (const { name, value } of label.attributes) if (name !== "tabindex") button.setAttribute(name, value);
      const input = document.getElementById(label.htmlFor);
      // Material keeps aria-expanded on the panel too, updated on its labels' clicks only.
      const panel = input.parentElement.querySelector(":scope > .md-nav[aria-expanded]");
      const expanded = () => {
        button.setAttribute("aria-expanded", String(input.checked));
        if (panel) panel.setAttribute("aria-expanded", String(input.checked));
      };
      input.addEventListener("change", expanded);
      button.addEventListener("click", () => {
        input.click(); // checked, and Material told, as by the label
        const item = input.parentElement;
        if (input.checked) {
          // Opened: to the new panel's title (not scrolled to: the panel is still sliding in).
          item.querySelector(":scope > .md-nav > .md-nav__title").focus({ preventScroll: true });
        } else {
          // Back: to the section's name (or the current page's) that opens it again.
          item.querySelector(":scope > .md-nav__link[for]").focus();
        }
      });
      return { label, button, expanded };
    });
    const swap = () => {
      for (const { label, button, expanded } of pairs) {
        const [from, to] = phone.matches ? [label, button] : [button, label];
        if (!from.isConnected) continue;
        const focused = from.contains(document.activeElement); // replaceWith drops focus to <body>
        to.append(...from.childNodes);
        from.replaceWith(to);
        expanded();
        if (focused) {
          to.focus({ preventScroll: true });
          // Wider, a label takes no focus: the first link of its section instead.
          if (document.activeElement !== to) {
            const next = [...to.parentElement.querySelectorAll("a[href]")].find(shown);
            if (next) next.focus({ preventScroll: true });
          }
        }
      }
    };
    swap();
    // Safari before 14 has only the older addListener.
    if (phone.addEventListener) phone.addEventListener("change", swap);
    else phone.addListener(swap);
    // The browser restores the toggles' checked state (reloading the page on Back, from its form
    // state) after this script and without a change event: aria-expanded follows it again.
    addEventListener("pageshow", () => {
      for (const { expanded } of pairs) expanded();
    });
  }

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
        if (drawer.checked && event.detail === 0) topOfDrawer(nav).focus();
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
})();
