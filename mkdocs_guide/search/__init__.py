"""Search in the reader's own script: one index per language, reader's words, a fallback."""
