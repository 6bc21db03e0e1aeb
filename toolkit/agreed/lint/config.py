"""A team's lint settings: found, read, validated against ``config.schema.json`` and resolved once into a frozen value.

The settings live in ``.agreed.yaml`` or in ``[tool.agreed]`` of ``pyproject.toml``. Discovery starts in a folder and
walks up, stopping at the repository root (the first folder holding ``.git``). Every mistake in a configuration is
a positioned Problem collected in :class:`ConfigError`; a bad configuration never half-applies.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from agreed.codes import CONFIG_ERROR
from agreed.document import Document, JsonPath
from agreed.errors import AgreedError
from agreed.lint.facts import ConfigFacts
from agreed.lint.rule import Category, Rule, did_you_mean
from agreed.problem import Problem, Severity
from agreed.record import Record
from agreed.settings import PYPROJECT_FILE, read_settings
from agreed.text.term_forms import term_forms

CUSTOM_TERMS_OPTION = "terms"
_OFF = "off"
_ON = "on"


class ConfigError(AgreedError):
    """The configuration cannot be used; ``problems`` say where and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(f"{p.path}:{p.line}:{p.col}: {p.message}" for p in problems))
        self.problems = tuple(problems)


class LintConfig(Record):
    """Resolved settings: ``rules`` are the enabled rules with severities and options applied; ``facts`` the rest
    of what the settings say (:class:`agreed.lint.facts.ConfigFacts`), which a run needs before any rule."""

    facts: ConfigFacts
    rules: tuple[Rule, ...]
    allowed_terms: tuple[str, ...] = ()  # the team's glossary, every form of each term (see allowed_forms)

    @property
    def source(self) -> Path | None:
        return self.facts.source

    @property
    def root(self) -> Path:
        return self.facts.root

    @property
    def include(self) -> tuple[str, ...]:
        return self.facts.include

    @property
    def exclude(self) -> tuple[str, ...]:
        return self.facts.exclude

    @property
    def per_file_ignores(self) -> tuple[tuple[str, frozenset[str]], ...]:
        return self.facts.per_file_ignores

    @property
    def people(self) -> Path | None:
        return self.facts.people

    @property
    def people_at(self) -> tuple[str, int, int] | None:
        return self.facts.people_at

    @property
    def fail_on(self) -> str | None:
        return self.facts.fail_on

    @property
    def fingerprint(self) -> str:
        return self.facts.fingerprint

    def excluded(self, path: Path) -> bool:
        return self.facts.excluded(path)

    def included(self, path: Path) -> bool:
        return self.facts.included(path)

    def ignored_codes(self, path: str) -> frozenset[str]:
        return self.facts.ignored_codes(path)


def default_config(root: Path, rules: Sequence[Rule]) -> LintConfig:
    chosen = tuple(_with_defaults(rules))
    return LintConfig(ConfigFacts(source=None, root=root.resolve(), fingerprint=_fingerprint({}),
                                  clock=_reads_clock(chosen)), chosen)


def _reads_clock(rules: Iterable[Rule]) -> bool:
    return any(rule.clock for rule in rules)


def _with_defaults(rules: Iterable[Rule]) -> Iterator[Rule]:
    """Rules with options, configured with their defaults; the others as they are."""
    for rule in rules:
        yield _configured(rule, _defaults(rule)) if rule.configure is not None else rule


def load_config(path: Path, rules: Sequence[Rule], shown: str | None = None) -> LintConfig:
    """Read, validate and resolve the configuration at ``path``; raises ConfigError with every problem found."""
    display = shown or path.as_posix()
    document = read_settings(path, display)
    problems = list(document.problems)
    if document.data is not None:
        from agreed.schema import config_schema, explain_violations

        problems += explain_violations(document, config_schema(), CONFIG_ERROR)
    resolver = _Resolver(document, rules)
    if problems:  # the rest is still checked, as far as it has the right shape: every mistake is said in one run
        if isinstance(document.data, Mapping):
            resolver.check_references(document.data)
            _check_settings(resolver, _sound(document.data))
        raise ConfigError(_relocated(sorted({*problems, *resolver.problems}), path))
    resolved = _resolve(document.data, path, resolver)
    resolver.check_glossary(document.data.get("allowed-terms", ()))
    if resolver.problems:
        raise ConfigError(_relocated(sorted(set(resolver.problems)), path))
    return resolved


def _resolve(settings: Mapping[str, Any], path: Path, resolver: _Resolver) -> LintConfig:
    root = path.resolve().parent
    rules = resolver.rules(settings.get("rules", {}), tuple(settings.get("vague-terms", ())))
    facts = ConfigFacts(
        source=path,
        root=root,
        include=tuple(settings.get("include", ())),
        exclude=tuple(settings.get("exclude", ())),
        per_file_ignores=resolver.per_file_ignores(settings.get("per-file-ignores", {})),
        people=Path(os.path.normpath(root / settings["people"])) if "people" in settings else None,
        people_at=resolver.position(("people",)) if "people" in settings else None,
        fail_on=settings.get("fail-on"),
        fingerprint=_fingerprint(settings),
        clock=_reads_clock(rules),
    )
    return LintConfig(facts, rules, allowed_forms(settings.get("allowed-terms", ())))


def _check_settings(resolver: _Resolver, settings: Mapping[str, Any]) -> None:
    """Resolve ``settings`` only for the problems the resolver finds (rules, options, references, glossary)."""
    resolver.rules(settings.get("rules", {}), tuple(settings.get("vague-terms", ())))
    resolver.per_file_ignores(settings.get("per-file-ignores", {}))
    resolver.check_glossary(settings.get("allowed-terms", ()))


def _sound(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The parts of settings that break the configuration schema left out, so that the rest can still be resolved:
    an unknown key and a bad value go, a mapping keeps its valid entries, and a list's invalid items become None so
    that the others keep their positions."""
    from jsonschema import Draft202012Validator

    from agreed.schema import config_schema

    def valid(schema: Any, value: Any) -> bool:
        return bool(Draft202012Validator(schema).is_valid(value))

    sound: dict[str, Any] = {}
    for key, value in settings.items():
        schema = config_schema()["properties"].get(key)
        if schema is None:
            continue
        entries, items = schema.get("additionalProperties"), schema.get("items")
        if valid(schema, value):
            sound[key] = value
        elif isinstance(value, Mapping) and isinstance(entries, Mapping):
            sound[key] = {name: entry for name, entry in value.items() if valid(entries, entry)}
        elif isinstance(value, list) and isinstance(items, Mapping):
            sound[key] = [item if valid(items, item) else None for item in value]
    return sound


def allowed_forms(terms: Iterable[str]) -> tuple[str, ...]:
    """The team's glossary as the lint engine looks for it: each allowed term in every form it is written in
    ("service credit" also as "service credits", "best-effort tier" also as "best effort tier")."""
    return tuple(dict.fromkeys(form for term in terms for form in term_forms(term)))


def _relocated(problems: Sequence[Problem], path: Path) -> list[Problem]:
    """Problems as configuration errors; those of a pyproject section say it is its ``[tool.agreed]`` table."""
    shown = [problem._replace(rule=CONFIG_ERROR, severity=Severity.ERROR) for problem in problems]
    if path.name != PYPROJECT_FILE:
        return shown
    return [problem._replace(message=f"[tool.agreed] {problem.message}") for problem in shown]


class _Resolver:
    """Turns the validated settings into rules; problems with rule references are collected, positioned."""

    def __init__(self, document: Document, rules: Sequence[Rule]) -> None:
        self.document = document
        self.registry = tuple(rules)
        self.problems: list[Problem] = []
        self.vague_terms: list[tuple[str, tuple[str, ...]]] = []  # each declared vague term and where it stands

    def rules(self, settings: Mapping[str, Any], vague_terms: tuple[str, ...]) -> tuple[Rule, ...]:
        chosen: list[Rule] = []
        by_code = self._settings_by_code(settings)
        for rule in self.registry:
            setting = by_code.get(rule.code, _ON)
            severity_name = setting if isinstance(setting, str) else setting.get("severity", _ON)
            if severity_name == _OFF:
                continue
            if severity_name != _ON:
                rule = dataclasses.replace(rule, severity=Severity.parse(severity_name))
            options = dict(setting.get("options", {})) if isinstance(setting, Mapping) else {}
            if rule.options_schema is not None and CUSTOM_TERMS_OPTION in _properties(rule):
                self._take_vague_terms(rule, options, settings, vague_terms)
            chosen.append(self._with_options(rule, options, settings))
        return tuple(chosen)

    def _take_vague_terms(self, rule: Rule, options: dict[str, Any], settings: Mapping[str, Any],
                          vague_terms: tuple[str, ...]) -> None:
        """Give the rule the top-level ``vague-terms``; set in both places, they are an error, not merged."""
        own = (*self._setting_path(rule, settings, "options"), CUSTOM_TERMS_OPTION)
        if vague_terms and CUSTOM_TERMS_OPTION in options:
            self._report(("vague-terms",), f"the team's vague terms are set in two places, here and at "
                         f"{self._describe(own)}: keep them in one of the two")
            return
        terms = options.get(CUSTOM_TERMS_OPTION, [])
        if vague_terms:  # an item the schema refused is None here (see _sound), and stays out of the rule's terms
            options[CUSTOM_TERMS_OPTION] = [term for term in vague_terms if isinstance(term, str)]
            own, terms = ("vague-terms",), list(vague_terms)
        if not isinstance(terms, list):  # the schema check of the rule's options reports it
            return
        self.vague_terms += [(term, (*own, str(index))) for index, term in enumerate(terms) if isinstance(term, str)]

    def check_glossary(self, allowed_terms: Sequence[str]) -> None:
        """Report each allowed term that is also declared vague, in any of its written forms."""
        vague = {form.casefold(): path for term, path in self.vague_terms for form in term_forms(term)}
        for index, term in enumerate(allowed_terms):
            if not isinstance(term, str):  # refused by the schema (see _sound)
                continue
            clash = next((vague[form.casefold()] for form in term_forms(term) if form.casefold() in vague), None)
            if clash is not None:
                self._report(("allowed-terms", str(index)), f"'{term}' is also declared vague at "
                             f"{self._describe(clash)}: a term is either allowed or vague, not both")

    def _settings_by_code(self, settings: Mapping[str, Any]) -> dict[str, Any]:
        """Each rule's setting: its own entry (by code or name) over its category's entry."""
        by_code: dict[str, Any] = {}
        own: dict[str, Any] = {}
        for key, value in settings.items():
            matched = self._match(key, ("rules", key))
            if matched is None:
                continue
            target = by_code if matched[0] == "category" else own
            for rule in matched[1]:
                target[rule.code] = value
        return by_code | own

    def _match(self, key: str, path: tuple[str, ...]) -> tuple[str, tuple[Rule, ...]] | None:
        for rule in self.registry:
            if key.upper() == rule.code or key == rule.name:
                return "rule", (rule,)
        if key in {category.value for category in Category}:
            return "category", tuple(rule for rule in self.registry if rule.category.value == key)
        self._report(path, f"unknown rule or category '{key}'{self._hint(key)}", at_key=True)
        return None

    def _hint(self, key: str) -> str:
        known = [rule.code for rule in self.registry] + [rule.name for rule in self.registry]
        return did_you_mean(key, known + [category.value for category in Category]) or "; see 'agreed rules'"

    def _with_options(self, rule: Rule, options: dict[str, Any], settings: Mapping[str, Any]) -> Rule:
        if rule.configure is None:
            if options:
                self._report(self._setting_path(rule, settings, "options"),
                             f"rule {rule.code} ({rule.name}) takes no options", at_key=True)
            return rule
        from agreed.schema import explain_violations

        at = self._setting_path(rule, settings, "options")
        if len(at) == 3:  # the options are written in the file: check them where they stand
            errors = explain_violations(self.document, dict(rule.options_schema or {}), CONFIG_ERROR, at)
            self.problems += errors
            if errors:
                return rule
        try:
            return _configured(rule, {**_defaults(rule), **options})
        except ValueError as error:  # an option the schema let through but the rule cannot use
            self._report(at, f"rule {rule.code} ({rule.name}) cannot use its options: {error}")
            return rule

    def check_references(self, settings: Mapping[str, Any]) -> None:
        """Report every unknown rule or category the settings name, in whatever shape the rest of them is."""
        rules = settings.get("rules")
        for key in rules if isinstance(rules, Mapping) else ():
            if isinstance(key, str):
                self._match(key, ("rules", key))
        ignores = settings.get("per-file-ignores")
        for pattern, references in ignores.items() if isinstance(ignores, Mapping) else ():
            for index, reference in enumerate(references if isinstance(references, list) else ()):
                if isinstance(pattern, str) and isinstance(reference, str) and reference:  # the schema says ""
                    self._match(reference, ("per-file-ignores", pattern, str(index)))

    def _setting_path(self, rule: Rule, settings: Mapping[str, Any], leaf: str) -> tuple[str, ...]:
        for key in settings:
            if key.upper() == rule.code or key == rule.name:
                return ("rules", key, leaf)
        return ("rules",)

    def per_file_ignores(self, settings: Mapping[str, Sequence[str]]) -> tuple[tuple[str, frozenset[str]], ...]:
        resolved: list[tuple[str, frozenset[str]]] = []
        for pattern, references in settings.items():
            codes: set[str] = set()
            for index, reference in enumerate(references):
                matched = self._match(reference, ("per-file-ignores", pattern, str(index)))
                if matched is not None:
                    codes.update(rule.code for rule in matched[1])
            resolved.append((pattern, frozenset(codes)))
        return tuple(resolved)

    def position(self, path: tuple[str, ...]) -> tuple[str, int, int]:
        """Where a setting stands: the configuration's shown path, line and column."""
        return (self.document.path, *self.document.position(path))

    def _describe(self, path: tuple[str, ...]) -> str:
        return self.document.describe(_json_path(path))

    def _report(self, path: tuple[str, ...], message: str, *, at_key: bool = False) -> None:
        json_path = _json_path(path)
        position = self.document.key_position if at_key else self.document.position
        line, col = position(json_path)
        self.problems.append(Problem(self.document.path, line, col, CONFIG_ERROR, Severity.ERROR,
                                     f"{self.document.describe(json_path)}: {message}"))


def _json_path(path: tuple[str, ...]) -> JsonPath:
    return tuple(int(step) if step.isdigit() else step for step in path)


def _properties(rule: Rule) -> Mapping[str, Any]:
    properties: Mapping[str, Any] = (rule.options_schema or {}).get("properties", {})
    return properties


def _defaults(rule: Rule) -> dict[str, Any]:
    return {name: spec["default"] for name, spec in _properties(rule).items() if "default" in spec}


def _configured(rule: Rule, options: Mapping[str, Any]) -> Rule:
    """The rule with ``options``; its severity and the elements it reads stay the registry's (the scope table's)."""
    assert rule.configure is not None
    configured = rule.configure(options)
    return dataclasses.replace(configured, severity=rule.severity, elements=rule.elements)


def _fingerprint(settings: Mapping[str, Any]) -> str:
    canonical = json.dumps(settings, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
