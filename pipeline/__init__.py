"""The floor plan: the sources file, the pipeline graph, run state and the run report."""
