"""Rendering: the report model in a language (HTML through the theme's templates, then PDF)."""
