"""Other "on this day" files (BSD calendar(1), pal): read, converted to drafts in our corpus format,
written as TOML, and cross-checked against the corpus. Nothing here prints or writes files.

- ``read``: a file's text, its kind, its entries and the years in their text;
- ``countries``: countries named in free text, as the states of the line's year;
- ``convert``: entries made corpus-format event dicts, with a note for every line skipped or guessed;
- ``toml``: those dicts written as corpus TOML;
- ``crosscheck``: imported lines our corpus dates differently.
"""

from .convert import KINDS, ImportResult, convert, slug
from .countries import CountryFinder
from .crosscheck import Mismatch, crosscheck, similarity
from .read import SYSTEM_FOLDERS, Note, calendar_lines, detect, find_year, read_calendar
from .toml import to_toml, toml_string

__all__ = ["KINDS", "SYSTEM_FOLDERS", "CountryFinder", "ImportResult", "Mismatch", "Note", "calendar_lines",
           "convert", "crosscheck", "detect", "find_year", "read_calendar", "similarity", "slug", "to_toml",
           "toml_string"]
