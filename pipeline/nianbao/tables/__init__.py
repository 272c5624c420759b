"""Tables: table blocks read as rows of typed cells with labels, units and periods."""
