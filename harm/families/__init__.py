"""Families, who belongs to them, and invitations to join."""
