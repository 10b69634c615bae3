"""What analysts look at, computed from the store: aggregates, one-line descriptions, change points, exports.

The CLI and the REST API both serve these functions.
"""
