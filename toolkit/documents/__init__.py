"""Where connectors are written in the wild: Markdown Dev Tools calls, Python code, curl commands,
flow-framework templates and plain JSON, each turned into connector bodies with positions in their file."""
