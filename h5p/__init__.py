"""H5P interactive packages: validation and reading (package/), storage, and the player."""
