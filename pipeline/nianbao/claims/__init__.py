"""Claims: numeric claims found by pattern recognisers, with indicator and period."""
