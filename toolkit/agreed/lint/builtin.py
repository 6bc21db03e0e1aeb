"""Checks built into loading and schema validation: listed and explained like rules, never suppressed."""

from __future__ import annotations

from agreed import document, schema
from agreed.lint import suppressions
from agreed.lint.config import CONFIG_ERROR
from agreed.lint.engine import DEFAULT_BUDGET, INTERNAL_ERROR, TEXT_NOT_READ, TEXT_NOT_READ_NAME
from agreed.lint.rule import Category, Rule
from agreed.problem import Severity


def _builtin(code: str, name: str, doc: str, severity: Severity = Severity.ERROR) -> Rule:
    return Rule(code=code, name=name, category=Category.STRUCTURE, severity=severity,
                summary=doc.partition("\n")[0], doc=doc, suppressible=False)


BUILTIN_RULES: tuple[Rule, ...] = (
    _builtin(document.SYNTAX, "yaml-syntax",
             "The file is not well-formed YAML.\n\nThe message gives the parser's reason and the position where "
             "reading stopped; fix the syntax and run again. Also reported here: tab indentation (YAML indents with "
             "spaces), control characters, the line breaks NEL, LS and PS (line breaks to some YAML readers and text "
             "to others), an escape of half a surrogate pair, whole numbers of more than 600 digits, and values "
             "that do not fit an explicit tag (such as !!int abc). A date that does not exist, such as 2031-02-30, "
             "is text to the reader, and the schema check reports it where a date is expected."),
    _builtin(document.DUPLICATE_KEY, "duplicate-key",
             "A key appears twice in one mapping.\n\nYAML parsers disagree on which value wins, so a duplicate "
             "can silently change the terms. Keep one."),
    _builtin(document.DISALLOWED_TAG, "disallowed-tag",
             "A YAML tag or merge key outside the plain core schema is used.\n\nTags such as !!python/object can "
             "make other tools run code, and merge keys (<<) hide terms; agreements use plain values only."),
    _builtin(document.MULTIPLE_DOCUMENTS, "multiple-documents",
             "The file holds more than one YAML document.\n\nKeep one agreement per file so that history, diff and "
             "consent refer to exactly one set of terms."),
    _builtin(document.TOO_LARGE, "file-too-large",
             "The file is larger than the size limit.\n\nAgreements are short documents; a huge file is almost "
             "always a mistake or an attack, and is not read."),
    _builtin(document.TOO_DEEP, "too-deeply-nested",
             "Values are nested deeper than the limit.\n\nThe format needs a handful of levels; deep nesting is "
             "rejected before it can exhaust memory or the stack."),
    _builtin(document.TOO_MANY_NODES, "too-many-values",
             "The document expands to more values than the limit (aliases count each time they are used).\n\n"
             "This stops 'billion laughs' alias bombs from exhausting memory."),
    _builtin(document.NOT_UTF8, "not-utf8",
             "The file is not valid UTF-8.\n\nSave it as UTF-8 (a byte-order mark is accepted)."),
    _builtin(document.EMPTY, "empty-file",
             "The file holds no YAML document.\n\nAn empty file or one with only comments is not an agreement."),
    _builtin(document.UNREADABLE, "unreadable-path",
             "A path could not be read as a file.\n\nIt does not exist, is a directory given where a file was "
             "expected, or cannot be opened."),
    _builtin(schema.FORMAT_VERSION, "format-version",
             "The format version key is missing or names a version this agreed does not read.\n\nEvery agreement "
             "starts with 'agreed: 1'. An unknown version is never validated against the wrong schema."),
    _builtin(document.NOT_A_MAPPING, "not-a-mapping",
             "The document is not a mapping of keys to values.\n\nAn agreement is a YAML mapping such as "
             "'agreed: 1', 'id: ...', 'title: ...'."),
    _builtin(schema.SCHEMA_VIOLATION, "schema",
             "The agreement does not conform to the agreement schema.\n\nUnknown keys (typos), wrong types, dates "
             "that are not YYYY-MM-DD, and elements missing once the agreement is no longer a draft. Each error "
             "points at the offending key or value."),
    _builtin(CONFIG_ERROR, "config-error",
             "The configuration file is invalid.\n\nAn unknown key, rule or option, or a value of the wrong type in "
             ".agreed.yaml or [tool.agreed]. Nothing is checked until it is fixed, so a typo never silently "
             "switches a rule off."),
    _builtin(suppressions.INVALID_SUPPRESSION, "invalid-suppression",
             "An inline suppression cannot be used.\n\nIt gives no reason after ' -- ', names an unknown rule, or "
             "names a load or schema check (those cannot be suppressed). Write "
             "'# agreed: disable=RULE -- reason' (or disable-next-line, disable-file)."),
    _builtin(suppressions.UNUSED_SUPPRESSION, "unused-suppression",
             "An inline suppression suppresses nothing.\n\nThe rule it names reports nothing where it applies, "
             "so the directive is stale: remove it.", Severity.WARNING),
    _builtin(INTERNAL_ERROR, "internal-error",
             "A rule failed on this input.\n\nThis is a defect in agreed, not in the agreement; the other rules "
             "still ran. Please report it with the file."),
    _builtin(TEXT_NOT_READ, TEXT_NOT_READ_NAME,
             "A value is too long for the text rules to read all of it.\n\nThe text rules read the first "
             f"{DEFAULT_BUDGET.value_chars:,} characters of each value and {DEFAULT_BUDGET.document_chars:,} "
             "characters of commitment prose per agreement, so that a pasted document cannot stall a run; the rest "
             "is not checked. Commitments are a few sentences: shorten the value or split it into several items. "
             f"Each rule also lists at most {DEFAULT_BUDGET.findings_per_value} findings per value and counts the "
             "rest in one more finding.", Severity.WARNING),
)
