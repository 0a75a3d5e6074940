"""Formatters for diagnostics: text, json, sarif, github."""
