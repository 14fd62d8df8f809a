"""The catalogue domain: resources, courses, collections, centres, taxonomies and licences."""
