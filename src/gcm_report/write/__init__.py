"""Writing outputs: the last stage of the pipeline."""
