"""Vietnamese search over the catalogue: text handling, index documents and the search backends."""
