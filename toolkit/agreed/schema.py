"""The agreement schema: loaded once, checked fast, and every violation turned into a positioned Problem.

The packaged ``agreement.schema.json`` is the single source of truth for the format. Valid documents are
recognised by the compiled validator from jsonschema-rs; only an invalid document is handed to jsonschema, whose
errors carry the detail needed to point at the offending key or value and to explain it in plain words.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from agreed.codes import FORMAT_VERSION, SCHEMA_VIOLATION
from agreed.document import Document, JsonPath
from agreed.problem import Problem, Severity

SUPPORTED_VERSIONS = (1,)
VERSION_KEY = "agreed"
SCHEMA_FILE = "agreement.schema.json"
TEMPLATE_FILE = "_template.yaml"
CONFIG_SCHEMA_FILE = "config.schema.json"


def _data_file(name: str, source_folder: str) -> Path:
    """A file shipped inside the package (wheel installs), or the repository's copy (source checkouts).

    The package is read from its folder, not through ``importlib.resources`` (whose import, with the archive modules
    it brings, costs a one-file lint more than reading the schema): agreed is installed as files, never zipped."""
    packaged = Path(__file__).parent / "data" / name
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / source_folder / name


def schema_path() -> Path:
    return _data_file(SCHEMA_FILE, "schema")


def config_schema_path() -> Path:
    return _data_file(CONFIG_SCHEMA_FILE, "schema")


@functools.cache
def config_schema() -> Mapping[str, Any]:
    """The schema of agreed's own configuration (``.agreed.yaml`` / ``[tool.agreed]``)."""
    return _read_json(config_schema_path())


def template_path() -> Path:
    return _data_file(TEMPLATE_FILE, "contracts")


@functools.cache
def load_schema() -> Mapping[str, Any]:
    return _read_json(schema_path())


def _read_json(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        loaded: dict[str, Any] = json.load(stream)
    return loaded


@functools.cache
def _fast_validator() -> Any:
    try:
        import jsonschema_rs
    except ImportError:  # the compiled validator is an accelerator, not a requirement
        return None
    # Given the schema's JSON text, the validator parses it itself, faster than from the parsed value. Python's own
    # date check, as the detailed validator's: the compiled one accepts 0000-01-01, no Python date.
    schema_text = schema_path().read_text(encoding="utf-8")
    return jsonschema_rs.Draft202012Validator(schema_text, validate_formats=True, formats={"date": _is_date})


@functools.cache
def _detailed_validator() -> Any:
    from jsonschema import Draft202012Validator, ValidationError, validators

    def ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]) -> Iterator[Any]:
        # JSON Schema patterns are ECMA-262, where '$' matches only at the very end; Python's '$' also matches
        # before a final newline, so "demo\n" would pass an id pattern. '\Z' is the ECMA meaning.
        if isinstance(instance, str) and not re.search(_ecma_to_python(pattern), instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    checker = validators.extend(Draft202012Validator, {"pattern": ecma_pattern})  # type: ignore[no-untyped-call]
    return checker(load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def is_valid_id(text: str) -> bool:
    """Whether ``text`` is an id as the schema defines it (agreements, parties, list items)."""
    return re.search(_ecma_to_python(load_schema()["$defs"]["id"]["pattern"]), text) is not None


@functools.cache
def _ecma_to_python(pattern: str) -> str:
    return pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith(r"\$") else pattern


def validate_document(document: Document, *, missing: bool = True) -> list[Problem]:
    """Schema problems of a loaded document (format version first); empty when it conforms. ``missing`` false leaves
    out the elements required but not written, keeping the values written that the format does not allow."""
    if not document.loaded:
        return []
    version_problem = _check_version(document)
    if version_problem is not None and (missing or VERSION_KEY in document.data):
        return [version_problem]
    fast = _fast_validator()
    if fast is not None and _fast_finds_valid(fast, document.data):
        return []
    errors = [error for error in _detailed_validator().iter_errors(document.data) if not _restated_type(error)]
    if any(tuple(error.absolute_path) == ("status",) for error in errors):
        # An unknown status is not a draft, so every completeness rule would fire; the status error alone says it.
        errors = [error for error in errors if not _from_status_rule(error)]
    kept = _one_per_empty_value(errors if missing else [error for error in errors if not _missing(error)])
    problems = {problem for error in kept for problem in _problems_for(document, error)}
    if not errors and fast is not None:
        problems = set(_fast_problems(document, fast))
    return sorted(problems, key=lambda problem: (problem.line, problem.col, problem.message))


def unreadable_values(document: Document) -> list[Problem]:
    """Why what ``document`` says cannot all be read: the problems of loading it, and, when it loaded, each value
    written that the schema does not allow (a day that does not exist, a misspelt key or status), positioned. The
    typed view (:mod:`agreed.agreement`) leaves such a value out without a word, so every command that reads an
    agreement's dates and values (due, calendar, site) reports these first. An element not written at all is
    lint's to report (``agreed validate``): nothing written is lost."""
    if not isinstance(document.data, Mapping):  # no agreement at all: what reads it says so
        return list(document.problems)
    return [*document.problems, *validate_document(document, missing=False)]


def _fast_finds_valid(fast: Any, data: Any) -> bool:
    """Whether the compiled validator finds ``data`` valid; False when it cannot say (some of its versions refuse a
    whole number wider than 64 bits), so that the detailed validator decides."""
    try:
        return bool(fast.is_valid(data))
    except (ValueError, OverflowError):
        return False


def _fast_problems(document: Document, fast: Any) -> Iterator[Problem]:
    """The compiled validator's own errors, for the rare value the two validators judge differently
    (e.g. Python's ``$`` also matches before a final newline)."""
    try:
        errors = list(fast.iter_errors(document.data))
    except (ValueError, OverflowError):
        return
    for error in errors:
        path: JsonPath = tuple(error.instance_path)
        line, col = document.position(path)
        yield Problem(document.path, line, col, SCHEMA_VIOLATION, Severity.ERROR,
                      f"{document.describe(path)}: {error.message}")


def _check_version(document: Document) -> Problem | None:
    data = document.data
    if VERSION_KEY not in data:
        return Problem(document.path, 1, 1, FORMAT_VERSION, Severity.ERROR,
                       f"missing format version: add '{VERSION_KEY}: {SUPPORTED_VERSIONS[-1]}' as the first key")
    version = data[VERSION_KEY]
    if not isinstance(version, int) or isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        supported = ", ".join(str(known) for known in SUPPORTED_VERSIONS)
        line, col = document.position((VERSION_KEY,))
        shown = json.dumps(version) if version is None or isinstance(version, (bool, str)) else str(version)
        return Problem(document.path, line, col, FORMAT_VERSION, Severity.ERROR,
                       f"unknown format version {shown}: this agreed reads version {supported} (a whole number, "
                       "unquoted); upgrade agreed or fix the version")
    return None


def explain_violations(document: Document, schema: Mapping[str, Any], code: str,
                       at: JsonPath = (), prefix: str = "") -> list[Problem]:
    """Every violation of ``schema`` (any JSON Schema, e.g. the configuration's) by the value at ``at`` of a loaded
    document, positioned and explained as for agreements, under rule ``code``; ``prefix`` starts each message.

    As for agreements, the compiled validator answers first: a valid value (the usual case: a settings file, a
    roster, a rule's options) never loads jsonschema, the slower half of a one-file run's start-up."""
    value = document.value_at(at)
    if _passes_fast(schema, value):
        return []
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = {problem for error in _one_per_empty_value(validator.iter_errors(value))
                for problem in _problems_for(document, error, code, at, prefix)}
    return sorted(problems, key=lambda problem: (problem.line, problem.col, problem.message))


def _one_per_empty_value(errors: Iterable[Any]) -> list[Any]:
    """``errors`` without the echoes of an empty value: where a value is empty and must not be, that is the one
    thing to say about it, not also that the empty text fails its pattern or format."""
    listed = list(errors)
    empty = {tuple(error.absolute_path) for error in listed if error.validator in _EMPTINESS and not error.instance}
    return [error for error in listed if error.validator in _EMPTINESS or tuple(error.absolute_path) not in empty]


_EMPTINESS = frozenset({"minLength", "minItems", "minProperties"})


def _passes_fast(schema: Mapping[str, Any], value: Any) -> bool:
    """Whether the compiled validator finds ``value`` valid; False when it cannot say (not installed, or the schema
    or value is beyond it), so that the detailed validator decides."""
    try:
        import jsonschema_rs
    except ImportError:
        return False
    try:
        return bool(jsonschema_rs.validator_for(dict(schema), validate_formats=True).is_valid(value))
    except Exception:  # noqa: BLE001 - any refusal of the accelerator leaves the answer to jsonschema
        return False


def _problems_for(document: Document, error: Any, code: str = SCHEMA_VIOLATION, at: JsonPath = (),
                  prefix: str = "") -> Iterator[Problem]:
    path: JsonPath = (*at, *error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        yield from _unexpected_keys(document, path, error, code, prefix)
        return
    if error.validator in ("anyOf", "oneOf") and error.context:
        yield from _problems_for(document, _telling_alternative(error.context), code, at, prefix)
        return
    line, col = document.key_position(path) if error.validator == "required" else document.position(path)
    where = document.describe(path)
    yield Problem(document.path, line, col, code, Severity.ERROR, f"{prefix}{where}: {_explain(error)}")


def _close_matches(word: str, choices: list[str]) -> list[str]:
    import difflib  # only a schema error with a suggestion needs it

    return difflib.get_close_matches(word, choices, n=1)


def _unexpected_keys(document: Document, path: JsonPath, error: Any, code: str, prefix: str) -> Iterator[Problem]:
    known = list(error.schema.get("properties", {}))
    patterns = [re.compile(pattern) for pattern in error.schema.get("patternProperties", {})]
    extensions = "; extension keys must start with 'x-'" if patterns else ""
    for key in error.instance:
        if key in known or any(pattern.search(key) for pattern in patterns):
            continue
        line, col = document.key_position((*path, key))
        close = _close_matches(key, known)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(known)}"
        where = document.describe(path)
        yield Problem(document.path, line, col, code, Severity.ERROR,
                      f"{prefix}{where}: unknown key '{key}'{hint}{extensions}")


def _telling_alternative(context: list[Any]) -> Any:
    """The error of the alternative that says most: for a value of the wrong type, the alternative with a format
    (a date, not the empty text a draft may leave)."""
    from jsonschema.exceptions import best_match

    telling = [error for error in context if not _only_empty(error.schema)] or context
    telling = [error for error in telling if not _other_kind(error)] or telling
    best = best_match(telling)
    if best.validator == "type":
        return next((error for error in telling if error.validator == "type" and "format" in error.schema), best)
    return best


def _other_kind(error: Any) -> bool:
    """Whether ``error``'s alternative is for another kind of value: a list of words for a mapping ({bogus: error}
    is explained by the mapping's keys, not as a word that is not one of the list)."""
    if error.validator != "enum" or not isinstance(error.instance, (dict, list)):
        return False
    return not any(isinstance(choice, (dict, list)) for choice in error.validator_value)


def _only_empty(schema: Any) -> bool:
    """Whether ``schema`` is the alternative that takes only the empty text a draft may leave: it never says how the
    value is written, so a value that fails every alternative is explained by another one."""
    return isinstance(schema, Mapping) and schema.get("maxLength") == 0


def _other_forms(error: Any) -> list[Mapping[str, Any]]:
    """The other written forms the value could have taken instead of the one ``error`` is about: the patterned
    alternatives (with an example) of every anyOf/oneOf that ``error`` is part of, such as a day relative to the
    outcome deadline beside a date."""
    forms: list[Mapping[str, Any]] = []
    parent = error.parent
    while parent is not None:
        if parent.validator in ("anyOf", "oneOf"):
            forms += [leaf.schema for leaf in _leaves(parent.context) if leaf.schema is not error.schema
                      and "pattern" in leaf.schema and leaf.schema.get("examples")]
        parent = parent.parent
    return list({id(form): form for form in forms}.values())


def _leaves(errors: Iterable[Any]) -> Iterator[Any]:
    for error in errors:
        if error.context:
            yield from _leaves(error.context)
        else:
            yield error


def _or_forms(forms: Iterable[Mapping[str, Any]], *, bracketed: bool = False) -> str:
    """``, or as a day after the outcome deadline, such as 'deadline + 15 days'`` for each form that is no date
    (``bracketed``: `` or as a day after the outcome deadline (such as 'deadline + 15 days')``)."""
    pattern = " or as a {} (such as {!r})" if bracketed else ", or as a {}, such as {!r}"
    return "".join(pattern.format(str(form.get("title", "value")).lower(), form["examples"][0])
                   for form in forms if form.get("format") != "date")


def _is_day(error: Any) -> bool:
    """Whether ``error`` says a text is no date: the date's own format or pattern failed, or the pattern of a form
    that stands beside a date as an alternative (a day relative to the deadline)."""
    if error.validator not in ("format", "pattern"):
        return False
    return error.schema.get("format") == "date" or (
        error.validator == "pattern" and any(form.get("format") == "date" for form in _other_forms(error)))


# How a value of each patterned kind is written, in plain words (the schema's descriptions say why, not how).
_FORMS = {
    "Identifier": "use lower-case letters, digits, '.', '-' and '_' (no spaces), starting with a letter or digit, "
                  "at most 64 characters",
    "Party id": "name one entry of parties by its id (lower-case letters, digits, '.', '-' and '_'; no spaces)",
    "Code-host handle": "write the user name (letters, digits and '-'), with or without a leading @",
}
_DATE_EXAMPLE = "2027-03-31"
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ECHO_LIMIT = 60

_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping", "number": "a number",
               "integer": "a whole number", "boolean": "true or false", "null": "an empty value"}


def _explain(error: Any) -> str:
    keyword, instance, schema = error.validator, error.instance, error.schema
    title = schema.get("title", "value")
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"'{missing}' is required here{_status_note(error)}"
    if keyword == "type" and schema.get("format") == "date":
        forms = _or_forms(_other_forms(error), bracketed=True)
        found = _describe_value(instance)
        return f"expected a date written as YYYY-MM-DD (such as {_DATE_EXAMPLE}){forms}, found {found}"
    if keyword == "type":
        return f"expected {_type_name(error.validator_value)}, found {_describe_value(instance)}"
    if _is_day(error):
        return f"{_echo(instance)} is not a date: {_date_advice(instance, _other_forms(error))}"
    if keyword == "pattern":
        form = _FORMS.get(title) or schema.get("description", "").split(".")[0] or "it does not have the expected form"
        return f"{_echo(instance)} is not a valid {title.lower()}: {form}"
    if keyword == "minLength":
        return f"is empty{_status_note(error)}"
    if keyword == "minItems":
        count = error.validator_value
        return f"needs at least {count} {'entry' if count == 1 else 'entries'}{_status_note(error)}"
    if keyword == "maxItems":
        return f"has {len(instance)} entries; at most {error.validator_value} are allowed"
    if keyword == "enum":
        choices = [str(choice) for choice in error.validator_value]
        close = _close_matches(str(instance), choices)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{instance!r} is not one of: {', '.join(choices)}{hint}"
    if keyword == "const":
        return f"must be {error.validator_value!r}, found {instance!r}"
    return str(error.message)


def _date_advice(text: str, forms: Iterable[Mapping[str, Any]] = ()) -> str:
    """What to write instead of ``text``, which is no YYYY-MM-DD date; ``forms``: the other forms the field takes
    (a day relative to the deadline), offered too unless ``text`` is a date that is only slightly off."""
    whole = _ISO_DATE.fullmatch(text)
    if whole is not None:
        year, month, day = (int(part) for part in whole.groups())
        if not 1 <= month <= 12:
            return f"there is no month {whole.group(2)}"
        if year == 0:
            return "there is no year 0000"
        import calendar  # only a day that does not exist needs it

        return f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days, not {day}"
    start = _ISO_DATE.match(text)
    if start is not None and text[start.end() : start.end() + 1] in ("T", "t", " ") and _is_date(start.group()):
        return f"a date has no time of day; write {start.group()}"
    return f"write it as YYYY-MM-DD, such as {_DATE_EXAMPLE}{_or_forms(forms)}"


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _echo(value: Any) -> str:
    """A value quoted in a message as the user wrote it, shortened when long."""
    text = str(value)
    return repr(text if len(text) <= _ECHO_LIMIT else text[: _ECHO_LIMIT - 1] + "…")


def _missing(error: Any) -> bool:
    """Whether ``error`` says an element is not written: a required key, or the completeness an agreement owes once
    it leaves draft (the status rule's ``then``/``else``)."""
    return error.validator == "required" or _from_status_rule(error)


def _from_status_rule(error: Any) -> bool:
    return any(part in ("then", "else") for part in error.absolute_schema_path)


def _restated_type(error: Any) -> bool:
    """Whether ``error`` is the status rule restating an element's type, which it does only so that strict
    validators know what its length or entry count applies to: the element's own schema already says, in its own
    words, that the value is of the wrong kind."""
    return error.validator == "type" and _from_status_rule(error)


def _status_note(error: Any) -> str:
    """Say why completeness applies: the schema demands every element once an agreement leaves draft."""
    return " (every element is required once an agreement is no longer a draft)" if _from_status_rule(error) else ""


def _type_name(expected: Any) -> str:
    names = expected if isinstance(expected, list) else [expected]
    return " or ".join(_TYPE_NAMES.get(str(name), str(name)) for name in names)


def _describe_value(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return f"text {_echo(value)}"
    if isinstance(value, (int, float)):
        return f"the number {_echo(value)[1:-1]}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"
