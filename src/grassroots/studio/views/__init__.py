"""The studio's pages, one module per area; each module lists its own `urls`, which
studio/urls.py joins (so areas are added without touching each other's files)."""
