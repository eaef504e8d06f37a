"""Referrals to services: proposed, answered by the parent, followed stage by stage to the end."""
