"""Link: claims and table cells as observations of ontology indicators."""
