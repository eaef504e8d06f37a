"""Peer check-ins: how it went, in the parent's words; never any use details."""
