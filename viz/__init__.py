"""networkx → HTML: the interactive linkchart page. The only place pyvis is imported."""

from viz.render import render_html

__all__ = ["render_html"]
