"""Scaffolding: ``blueprint init`` (a project of one's own) and ``blueprint new`` (a blueprint in it).

The files are written from templates in ``templates/`` (``render``), never over an existing file
(``writing``). ``project`` lays out a project; ``blueprint`` scaffolds a new blueprint with template
markers where the author must fill in facts, which ``blueprint check`` lists (BP211); ``copy`` copies
an existing blueprint under a new id.
"""
