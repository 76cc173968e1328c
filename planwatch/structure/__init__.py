"""Finding structure: document metadata (kind, number, date, period) and the heading tree."""
