"""Build-time rendering in docs sites: a MkDocs plugin and a Sphinx extension.

Both read journeys through the library (one workspace run per file), draw the
map with ``journeymap.rendering`` and put it inline as SVG; the logic they
share (options, the HTML figure, the per-content cache, error messages with
the journey's ``path:line:col``) lives in ``journeymap.integrations.figure``.
MkDocs and Sphinx are imported only by their own module (the optional extras
``journeymap[mkdocs]`` and ``journeymap[sphinx]``).
"""
