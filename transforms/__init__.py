"""Pure transforms: plain data in, plain data out; nothing here knows about Prefect or DuckDB."""

# Bump when extraction rules change: documents extracted by an older version are re-processed.
EXTRACTOR_VERSION = "0.2.0"
