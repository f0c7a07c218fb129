"""Tutorial content: models, loader and lint; no Qt."""
