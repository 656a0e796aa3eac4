"""pipeline package of akhbar."""
