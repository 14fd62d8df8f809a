"""The REST API (`/api/v1/`): thin DRF views over `catalog` and `search`; see api/README.md."""
