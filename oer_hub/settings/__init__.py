"""Settings split by environment: base (shared), dev (embedded default), production, test."""
