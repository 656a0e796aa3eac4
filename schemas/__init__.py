"""Record types and Arrow schemas of every dataset Akhbar writes."""
