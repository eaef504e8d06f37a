"""A caseworker's families on one page, built with one query per kind of data."""
