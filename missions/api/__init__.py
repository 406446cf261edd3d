"""The read-only public JSON API (/api/v1/), described by its OpenAPI document."""
