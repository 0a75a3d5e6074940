"""Reference toolkit for OpenSearch ML Commons connector blueprints."""

__version__ = "0.1.0"
