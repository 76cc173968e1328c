"""The web app: Vietnamese pages and a JSON API over the same library calls."""
