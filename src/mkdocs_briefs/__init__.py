"""mkdocs-briefs: policy briefs, their recommendations, actors and mechanisms as a cross-linked MkDocs site.

The pipeline, one module a step: load -> validate -> corpus -> pages -> render;
`plugin` is the only module that talks to MkDocs.
"""

__version__ = "0.1.0"
