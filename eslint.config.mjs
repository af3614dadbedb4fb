// ESLint for every script of the project (`make lint`): the page scripts and workers the site
// ships, the build's Node scripts and the tests' ones. Each file gets the globals of where it runs.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["site/", "build/", "dist/", "node_modules/", ".venv/", "bench-results/"] },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      curly: ["error", "multi-line"],
      eqeqeq: ["error", "always"],
      "no-shadow": "error",
      "no-var": "error",
      "prefer-const": "error",
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
      // What the reader typed and what Python answers are data: shown as text, never parsed as HTML
      // or code (the one SVG chart goes through DOMParser, as an image/svg+xml document).
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Use textContent or build elements." },
        { property: "outerHTML", message: "Use textContent or build elements." },
        { property: "insertAdjacentHTML", message: "Use textContent or build elements." },
        { object: "document", property: "write", message: "Build elements instead." },
      ],
    },
  },
  // Page scripts. Material's bundle defines document$ for guide.js.
  {
    files: ["mkdocs_guide/calc/assets/calculator.js", "docs/assets/javascripts/**/*.js"],
    languageOptions: { globals: { ...globals.browser, document$: "readonly" } },
  },
  // The site's page scripts are classic scripts, in the page's global scope: search-on-demand.js
  // (it runs before Material's bundle) and guide.js (Material's extra_javascript); no name of
  // theirs, not even a top-level const or let, may land there.
  {
    files: ["docs/assets/javascripts/**/*.js"],
    languageOptions: { sourceType: "script" },
    rules: { "no-implicit-globals": ["error", { lexicalBindings: true }] },
  },
  // app.js is a classic script (it must also run from file://), sharing the page's global scope.
  {
    files: ["mkdocs_guide/publish/assets/app.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
    rules: { "no-implicit-globals": "error" },
  },
  { files: ["mkdocs_guide/calc/assets/worker.mjs"], languageOptions: { globals: globals.worker } },
  {
    files: ["mkdocs_guide/publish/assets/sw.js"],
    languageOptions: { sourceType: "script", globals: globals.serviceworker },
  },
  // Run by Node: the build recipes, the Pyodide test runner, this file.
  {
    files: ["mkdocs_guide/calc/make_*.mjs", "tests/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { globals: globals.node },
  },
];
