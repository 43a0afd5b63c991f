"""Helpers for tests of the full-page cache (core/cache.py)."""


def cached_anonymous_copy(client, url):
    """The page as the cache serves it to anonymous readers, after a first request stored it."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response.content.decode()
