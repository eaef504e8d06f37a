"""Discreet use: the quick-exit control on every page, and a neutral name and icon chosen per device."""
