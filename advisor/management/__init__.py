"""The site's management commands and what they share."""
