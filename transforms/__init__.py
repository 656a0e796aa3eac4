"""transforms package of akhbar."""
