"""Agencies: an admin, its caseworkers and peer specialists, and one-time worker codes."""
