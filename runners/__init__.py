"""runners package of akhbar."""
