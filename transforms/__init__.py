"""Pure transforms: plain data in, plain data out; nothing here knows about Prefect or DuckDB."""
