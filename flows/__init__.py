"""Prefect flows and the command line: they wire transforms and the warehouse together."""
