"""Django's SQLite backend, with connections kept across requests only while the file is the same."""
