"""The rule catalogue, one module per family (coverage, measurement, performance, ...)."""
