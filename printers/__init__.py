"""Ticket printing on ESC/POS thermal printers (rendered as an image, any transport)."""
