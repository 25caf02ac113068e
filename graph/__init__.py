"""The data model to a networkx graph, and the graph to every output format.

Nothing in this package touches spaCy.
"""
