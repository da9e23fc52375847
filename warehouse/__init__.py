"""The DuckDB warehouse: DDL and publish SQL as .sql files, and the small Python that applies them."""
