"""Messages of imports and exports. Constants (``gettext_noop``) so tests can import them.

Each problem keeps its message id and parameters; it is translated when shown.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from kozomol.lib import zipcheck

# Files
FILE_EMPTY = gettext_noop("The file is empty.")
FILE_UNKNOWN_FORMAT = gettext_noop(
    "The file %(name)s is neither CSV, XLSX nor a ZIP of CSV files exported by KoboToolbox or ODK Central."
)
FILE_NOT_TEXT = gettext_noop("The file %(name)s cannot be read as text (UTF-8, UTF-16 or Windows-1251).")
FILE_BAD_ENCODING = gettext_noop("The file is not valid %(encoding)s text from this row on.")
FILE_BAD_CSV = gettext_noop("The CSV cannot be read: %(reason)s")
FILE_BAD_XLSX = gettext_noop("The XLSX workbook cannot be read: %(reason)s")
ZIP_TOO_MANY_ENTRIES = gettext_noop("The archive has %(count)s entries; at most %(limit)s are accepted.")
ZIP_ENTRY_TOO_LARGE = gettext_noop(
    "The archive entry %(entry)s unpacks to %(size)s bytes; at most %(limit)s are accepted."
)
ZIP_TOO_LARGE = gettext_noop("The archive unpacks to %(size)s bytes; at most %(limit)s are accepted.")
ZIP_RATIO = gettext_noop(
    "The archive entry %(entry)s is compressed %(ratio)s times; this looks like a zip bomb and is refused."
)
# By the reason lib.zipcheck gives (the XLSForm upload says these too).
ZIP_REFUSED = {
    zipcheck.TOO_MANY_ENTRIES: ZIP_TOO_MANY_ENTRIES,
    zipcheck.ENTRY_TOO_LARGE: ZIP_ENTRY_TOO_LARGE,
    zipcheck.TOO_COMPRESSED: ZIP_RATIO,
    zipcheck.TOO_LARGE: ZIP_TOO_LARGE,
}
NO_MAIN_TABLE = gettext_noop(
    "No table with the form's questions was found (a sheet or file whose columns are question names)."
)
SEVERAL_MAIN_TABLES = gettext_noop(
    "Several tables look like the main table: %(names)s. Import them one at a time."
)
HEADER_EMPTY = gettext_noop("The first row has no column names.")
HEADER_DUPLICATE = gettext_noop("The column name %(column)s appears twice.")
TABLE_NOT_MATCHED = gettext_noop("The table %(table)s matches no repeat group of the form and is ignored.")
COLUMN_IGNORED = gettext_noop("Not a question of this form; the column is ignored.")

# Rows
ROW_TOO_LONG = gettext_noop("The row has %(count)s cells but the header only %(header)s columns.")
VALUE_NOT_INTEGER = gettext_noop("%(value)s is not a whole number.")
VALUE_NOT_DECIMAL = gettext_noop("%(value)s is not a number.")
VALUE_NOT_DATE = gettext_noop("%(value)s is not a date (expected YYYY-MM-DD or DD.MM.YYYY).")
VALUE_NOT_TIME = gettext_noop("%(value)s is not a time (expected HH:MM or HH:MM:SS).")
VALUE_NOT_DATETIME = gettext_noop("%(value)s is not a date and time (expected YYYY-MM-DDTHH:MM:SS).")
VALUE_NOT_CHOICE = gettext_noop("%(value)s is not one of the choices of this question (%(choices)s).")
VALUE_NOT_GEOPOINT = gettext_noop(
    '%(value)s is not a location (expected "latitude longitude [altitude accuracy]").'
)
VALUE_NOT_FLAG = gettext_noop("%(value)s is neither 0 nor 1.")
VALUE_TOO_LONG = gettext_noop("The value has %(length)s characters; at most %(limit)s are accepted.")
INSTANCE_ID_DUPLICATE = gettext_noop("The instance ID %(value)s appears twice in the file.")
INSTANCE_ID_BAD = gettext_noop("%(value)s is not a valid instance ID.")
SUBMISSION_TIME_BAD = gettext_noop("%(value)s is not a submission time.")
PARENT_MISSING = gettext_noop("The row belongs to %(parent)s, which is not in the parent table.")
PARENT_EMPTY = gettext_noop("The row does not say which submission it belongs to.")
ROWS_IDENTICAL = gettext_noop("The row is identical to an earlier row and is imported once.")
DEPRECATED_ID_ALSO_IN_FILE = gettext_noop("The instance ID %(value)s is both a submission and an edited one.")

# Import as a whole
IMPORT_HAS_ERRORS = gettext_noop("The file has %(count)s errors; nothing was imported.")
IMPORT_NO_FORM = gettext_noop("There is no form with the ID %(form_id)s in this campaign.")
IMPORT_FORM_AMBIGUOUS = gettext_noop(
    "The form ID %(form_id)s is used in several campaigns; name one with --campaign."
)
IMPORT_FILE_GONE = gettext_noop("The uploaded file is no longer available; upload it again.")
IMPORT_DONE = gettext_noop("%(created)s submissions imported, %(skipped)s already present.")

# Exports
EXPORT_BAD_FORMAT = gettext_noop("Unknown export format %(format)s.")
EXPORT_FILE_GONE = gettext_noop("The export file is no longer available; export again.")
