"""``python -m kozomol.questionnaires.report_templates [--check]``: regenerate (or check) ``xlsx/``."""

from .builder import main

raise SystemExit(main())
