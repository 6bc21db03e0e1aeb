"""The built wheel: it ships the schema and the template, and a non-editable install works outside the repository.

One wheel and one virtual environment per session of this module (module-scoped fixtures). The wheel is built
from the working tree with ``python -m build``; without build isolation when hatchling is already importable
(fast and offline), otherwise in an isolated build environment. The virtual environment installs the wheel and
its dependencies from the package index, exactly as a user's ``pip install agreed-*.whl`` would.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
PACKAGE_SOURCE = REPO / "toolkit" / "agreed"
SCHEMA = REPO / "schema" / "agreement.schema.json"
TEMPLATE = REPO / "contracts" / "_template.yaml"
SHIPPED_CONTRACT = REPO / "contracts" / "sales-onboarding.yaml"

WHEEL_SCHEMA = "agreed/data/agreement.schema.json"
WHEEL_TEMPLATE = "agreed/data/_template.yaml"

BUILD_TIMEOUT = 180
INSTALL_TIMEOUT = 300
RUN_TIMEOUT = 60


def _clean_environment(**extra: str) -> dict[str, str]:
    """The caller's environment without anything that could make the test see the repository's sources."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONUSERBASE"}}
    env.update({"PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONNOUSERSITE": "1", "NO_COLOR": "1"})
    env.update(extra)
    return env


def _run(command: list[str | Path], *, cwd: Path, env: Mapping[str, str], timeout: float = RUN_TIMEOUT,
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=dict(env), capture_output=True, text=True,
                          timeout=timeout, check=False)


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


@dataclass(frozen=True)
class Installed:
    """A virtual environment holding the wheel, installed non-editable."""

    root: Path
    python: Path
    agreed: Path
    purelib: Path
    env: Mapping[str, str]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("wheelhouse")
    command: list[str | Path] = [sys.executable, "-m", "build", "--wheel", "--outdir", outdir]
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-isolation")
    command.append(REPO)
    _ok(_run(command, cwd=outdir, env=_clean_environment(), timeout=BUILD_TIMEOUT))
    wheels = sorted(outdir.glob("agreed-*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {outdir}, found {[w.name for w in wheels]}"
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("venv") / "env"
    env = _clean_environment()
    outside = root.parent
    _ok(_run([sys.executable, "-m", "venv", root], cwd=outside, env=env, timeout=INSTALL_TIMEOUT))
    scripts = root / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    _ok(_run([python, "-m", "pip", "install", "--quiet", wheel], cwd=outside, env=env, timeout=INSTALL_TIMEOUT))
    purelib = Path(_ok(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            cwd=outside, env=env)).stdout.strip())
    agreed = scripts / ("agreed.exe" if os.name == "nt" else "agreed")
    assert agreed.is_file(), "the wheel installed no 'agreed' console script"
    return Installed(root, python, agreed, purelib, env)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A working directory that is not inside the repository (so nothing can fall back to its files)."""
    assert not tmp_path.resolve().is_relative_to(REPO), "the temporary directory lies inside the repository"
    return tmp_path


# ---------------------------------------------------------------------------------------------- the wheel


def test_wheel_ships_schema_byte_identical(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        assert WHEEL_SCHEMA in archive.namelist()
        assert archive.read(WHEEL_SCHEMA) == SCHEMA.read_bytes()


def test_wheel_ships_template(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        assert WHEEL_TEMPLATE in archive.namelist()
        assert archive.read(WHEEL_TEMPLATE) == TEMPLATE.read_bytes()


def test_wheel_ships_every_module_of_the_package(wheel: Path) -> None:
    expected = {f"agreed/{path.relative_to(PACKAGE_SOURCE).as_posix()}" for path in PACKAGE_SOURCE.rglob("*.py")
                if "__pycache__" not in path.parts}
    with zipfile.ZipFile(wheel) as archive:
        missing = expected - set(archive.namelist())
    assert not missing, f"modules missing from the wheel: {sorted(missing)}"


def test_wheel_ships_the_licence_it_declares(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        licences = [name for name in archive.namelist() if name.endswith(".dist-info/licenses/LICENSE")]
        assert len(licences) == 1
        assert archive.read(licences[0]) == (REPO / "LICENSE").read_bytes()
        metadata = archive.read(next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA")))
    assert b"License-Expression: MIT" in metadata
    assert b"License-File: LICENSE" in metadata


def test_sdist_ships_the_licence(tmp_path: Path) -> None:
    command: list[str | Path] = [sys.executable, "-m", "build", "--sdist", "--outdir", tmp_path]
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-isolation")
    _ok(_run([*command, REPO], cwd=tmp_path, env=_clean_environment(), timeout=BUILD_TIMEOUT))
    (sdist,) = tmp_path.glob("agreed-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert "LICENSE" in names


def test_wheel_declares_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        entry_points = next(name for name in archive.namelist() if name.endswith(".dist-info/entry_points.txt"))
        text = archive.read(entry_points).decode("utf-8")
    assert "agreed = agreed.cli:main" in text


# ---------------------------------------------------------------------------------------------- installed


def test_installed_package_finds_its_data_in_site_packages(installed: Installed, outside: Path) -> None:
    script = "import agreed.schema as s; print(s.schema_path()); print(s.template_path())"
    result = _ok(_run([installed.python, "-c", script], cwd=outside, env=installed.env))
    schema_path, template_path = (Path(line) for line in result.stdout.splitlines())
    assert schema_path.is_relative_to(installed.purelib), f"{schema_path} is not inside {installed.purelib}"
    assert template_path.is_relative_to(installed.purelib), f"{template_path} is not inside {installed.purelib}"
    assert schema_path.read_bytes() == SCHEMA.read_bytes()


def test_installed_package_is_not_the_checkout(installed: Installed, outside: Path) -> None:
    result = _ok(_run([installed.python, "-c", "import agreed; print(agreed.__file__)"], cwd=outside,
                      env=installed.env))
    module = Path(result.stdout.strip())
    assert module.is_relative_to(installed.purelib)
    assert not module.resolve().is_relative_to(REPO)


def test_installed_validate_accepts_shipped_contract(installed: Installed, outside: Path) -> None:
    shutil.copy(SHIPPED_CONTRACT, outside / "good.yaml")
    result = _run([installed.agreed, "validate", "good.yaml"], cwd=outside, env=installed.env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_installed_validate_rejects_broken_contract(installed: Installed, outside: Path) -> None:
    text = SHIPPED_CONTRACT.read_text(encoding="utf-8")
    broken = text.replace("  deadline: 2032-06-30\n", "  deadline: when it is ready\n", 1)
    assert broken != text, "the shipped contract changed: update the line this test breaks"
    (outside / "broken.yaml").write_text(broken, encoding="utf-8")
    result = _run([installed.agreed, "validate", "broken.yaml"], cwd=outside, env=installed.env)
    assert result.returncode == 1, result.stdout + result.stderr
    line = 1 + broken.splitlines().index("  deadline: when it is ready")
    assert f"broken.yaml:{line}:" in result.stdout, result.stdout


def test_installed_lint_accepts_shipped_contract(installed: Installed, outside: Path) -> None:
    """The lint rules are packaged too: the shipped examples are clean."""
    shutil.copy(SHIPPED_CONTRACT, outside / "good.yaml")
    result = _run([installed.agreed, "lint", "good.yaml"], cwd=outside, env=installed.env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_installed_new_uses_packaged_template(installed: Installed, outside: Path) -> None:
    result = _run([installed.agreed, "new", "pilot", "--party", "maria=Maria Chen", "--party", "li=Li Wei"],
                  cwd=outside, env=installed.env)
    assert result.returncode == 0, result.stdout + result.stderr
    created = sorted((outside / "contracts").glob("*.yaml"))
    assert [path.name for path in created] == ["pilot.yaml"]
    result = _run([installed.agreed, "validate", "contracts/pilot.yaml"], cwd=outside, env=installed.env)
    assert result.returncode == 0, result.stdout + result.stderr
