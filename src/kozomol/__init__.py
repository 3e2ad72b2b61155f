"""Kozomol: an open platform for monitoring the rights of labour migrants."""

__version__ = "0.1.0"
