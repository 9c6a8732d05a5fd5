"""The NLU routing test set (see README.md in this folder)."""
