from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files after ``collectstatic`` (``kozomol serve`` runs it);
    before that, plain names, so management commands and tests work without it."""

    manifest_strict = False
