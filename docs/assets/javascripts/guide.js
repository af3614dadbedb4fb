// Wide tables scroll inside a wrapper that Material adds at run time: make each
// wrapper reachable with the keyboard and give it a name for screen readers.
document$.subscribe(() => {
  for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) {
    wrapper.tabIndex = 0;
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", "表格");
  }
});
