"""Checks built into loading, schema validation, configuration and the engine: listed and explained like rules,
never suppressed. Their codes, names and severities are declared in :mod:`agreed.codes`; their documentation is here."""

from __future__ import annotations

from agreed import codes
from agreed.lint.budget import DEFAULT_BUDGET
from agreed.lint.rule import BuiltinRule, Category


def _builtin(code: str, doc: str) -> BuiltinRule:
    builtin = codes.builtin(code)
    assert builtin is not None, f"{code} is not declared in agreed.codes"
    return BuiltinRule(code=code, name=builtin.name, category=Category.STRUCTURE, severity=builtin.severity, doc=doc)


BUILTIN_RULES: tuple[BuiltinRule, ...] = (
    _builtin(codes.SYNTAX,
             "The file is not well-formed YAML.\n\nThe message gives the parser's reason and the position where "
             "reading stopped; fix the syntax and run again. Also reported here: tab indentation (YAML indents with "
             "spaces), control characters, the line breaks NEL, LS and PS (line breaks to some YAML readers and text "
             "to others), an escape of half a surrogate pair, whole numbers of more than 600 digits, and values "
             "that do not fit an explicit tag (such as !!int abc). A date that does not exist, such as 2031-02-30, "
             "is text to the reader, and the schema check reports it where a date is expected."),
    _builtin(codes.DUPLICATE_KEY,
             "A key appears twice in one mapping.\n\nYAML parsers disagree on which value wins, so a duplicate "
             "can silently change the terms. Keep one."),
    _builtin(codes.DISALLOWED_TAG,
             "A YAML tag or merge key outside the plain core schema is used.\n\nTags such as !!python/object can "
             "make other tools run code, and merge keys (<<) hide terms; agreements use plain values only."),
    _builtin(codes.MULTIPLE_DOCUMENTS,
             "The file holds more than one YAML document.\n\nKeep one agreement per file so that history, diff and "
             "consent refer to exactly one set of terms."),
    _builtin(codes.TOO_LARGE,
             "The file is larger than the size limit.\n\nAgreements are short documents; a huge file is almost "
             "always a mistake or an attack, and is not read."),
    _builtin(codes.TOO_DEEP,
             "Values are nested deeper than the limit.\n\nThe format needs a handful of levels; deep nesting is "
             "rejected before it can exhaust memory or the stack."),
    _builtin(codes.TOO_MANY_NODES,
             "The document expands to more values than the limit (aliases count each time they are used).\n\n"
             "This stops 'billion laughs' alias bombs from exhausting memory."),
    _builtin(codes.NOT_UTF8,
             "The file is not valid UTF-8.\n\nSave it as UTF-8 (a byte-order mark is accepted)."),
    _builtin(codes.EMPTY,
             "The file holds no YAML document.\n\nAn empty file or one with only comments is not an agreement."),
    _builtin(codes.UNREADABLE,
             "A path could not be read as a file.\n\nIt does not exist, is a directory given where a file was "
             "expected, or cannot be opened."),
    _builtin(codes.FORMAT_VERSION,
             "The format version key is missing or names a version this agreed does not read.\n\nEvery agreement "
             "starts with 'agreed: 1'. An unknown version is never validated against the wrong schema."),
    _builtin(codes.NOT_A_MAPPING,
             "The document is not a mapping of keys to values.\n\nAn agreement is a YAML mapping such as "
             "'agreed: 1', 'id: ...', 'title: ...'."),
    _builtin(codes.SCHEMA_VIOLATION,
             "The agreement does not conform to the agreement schema.\n\nUnknown keys (typos), wrong types, dates "
             "that are not YYYY-MM-DD, and elements missing once the agreement is no longer a draft. Each error "
             "points at the offending key or value."),
    _builtin(codes.CONSENT_RECORD,
             "A file in an agreement's consent ledger is not a well-formed record in its place.\n\nThe ledger "
             "(.consent/<agreement id>/<party id>/<digest>.yaml beside the agreement) holds only consent records "
             "that agreed writes. A file outside a party's folder, a record of an unknown version, with an unknown "
             "or missing key or a value of the wrong type, a signature that does not match its key, or a record "
             "that names another agreement, another party or another digest than its place says, is not evidence "
             "of consent: 'agreed consent status' shows it as a warning and counts nothing from it. Remove the "
             "file, or sign again with 'agreed sign'."),
    _builtin(codes.CONFIG_ERROR,
             "The configuration file is invalid.\n\nAn unknown key, rule or option, or a value of the wrong type in "
             ".agreed.yaml or [tool.agreed]. Nothing is checked until it is fixed, so a typo never silently "
             "switches a rule off."),
    _builtin(codes.INVALID_SUPPRESSION,
             "An inline suppression cannot be used.\n\nIt gives no reason after ' -- ', names an unknown rule, or "
             "names a load or schema check (those cannot be suppressed). Write "
             "'# agreed: disable=RULE -- reason' (or disable-next-line, disable-file)."),
    _builtin(codes.UNUSED_SUPPRESSION,
             "An inline suppression suppresses nothing.\n\nThe rule it names reports nothing where it applies, "
             "so the directive is stale: remove it."),
    _builtin(codes.INTERNAL_ERROR,
             "A rule failed on this input.\n\nThis is a defect in agreed, not in the agreement; the other rules "
             "still ran. Please report it with the file."),
    _builtin(codes.TEXT_NOT_READ,
             "A value is too long for the text rules to read all of it.\n\nThe text rules read the first "
             f"{DEFAULT_BUDGET.value_chars:,} characters of each value and {DEFAULT_BUDGET.document_chars:,} "
             "characters of commitment prose per agreement, so that a pasted document cannot stall a run; the rest "
             "is not checked. Commitments are a few sentences: shorten the value or split it into several items. "
             f"Each rule also lists at most {DEFAULT_BUDGET.findings_per_value} findings per value and counts the "
             "rest in one more finding."),
)
