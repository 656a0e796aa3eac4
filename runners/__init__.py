"""The front door: the ``akhbar`` command line and the runner presets."""
