"""Distribution: what hosting, the offline bundle and reading offline after a first visit need."""
