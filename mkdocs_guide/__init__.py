"""Build-time glue for the guide: the zh-Hant conversion and the in-browser calculators."""
