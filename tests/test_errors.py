"""Every exception class of the package derives from the one base, :class:`agreed.errors.AgreedError`, and keeps the
standard bases it had, so what is caught where does not change."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import agreed
from agreed.atomic import RefusedTarget
from agreed.consent.codeowners import CodeownersError
from agreed.errors import AgreedError
from agreed.report.registry import UnknownFormat


def _exception_classes() -> list[type[BaseException]]:
    found: list[type[BaseException]] = []
    for module_info in pkgutil.walk_packages(agreed.__path__, prefix="agreed."):
        if module_info.name == "agreed.__main__":  # running it is the command line
            continue
        module = importlib.import_module(module_info.name)
        found += [value for _, value in inspect.getmembers(module, inspect.isclass)
                  if issubclass(value, BaseException) and value.__module__ == module.__name__]
    return found


def test_every_exception_class_of_the_package_derives_from_agreed_error() -> None:
    classes = _exception_classes()
    assert len(classes) >= 19  # the walk found the package's exceptions, not nothing
    assert [cls.__qualname__ for cls in classes if not issubclass(cls, AgreedError)] == []


def test_errors_keep_their_standard_bases() -> None:
    assert issubclass(UnknownFormat, ValueError)
    assert issubclass(CodeownersError, ValueError)
    assert issubclass(RefusedTarget, OSError)
    assert RefusedTarget(2, "refused").errno == 2
