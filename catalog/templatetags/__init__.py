"""Template tags for the public, server-rendered site."""
