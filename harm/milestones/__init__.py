"""Milestones: what the family has done, never what anyone used."""
