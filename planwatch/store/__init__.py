"""Storing: SQLAlchemy models, Alembic migrations, one transaction per document."""
