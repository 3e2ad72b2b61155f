from typing import Any

from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files after ``collectstatic`` (``kozomol serve`` runs it);
    before that, plain names (served by whitenoise's finders), so management
    commands and tests work without collecting first."""

    manifest_strict = False

    def url(self, name: Any, force: bool = False) -> str:
        try:
            return super().url(name, force)
        except ValueError:
            return FileSystemStorage.url(self, name)
