"""Grassroots: a publishing platform for advocacy organisations."""

__version__ = "0.1.0"
