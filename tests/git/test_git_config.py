"""agreed.git.config on real temporary repositories: the repository's own git settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreed.git.config import config_get, config_set
from agreed.git.repository import GitError, Repository
from gitrepo import Repo


def test_config_get_and_set_touch_the_repositorys_own_settings_only(repo: Repo, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "user.gitconfig"
    user.write_text('[diff "agreed"]\n\tcommand = the-users-differ\n', encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(user))
    with Repository.open(repo.root) as repository:
        assert config_get(repository, "diff.agreed.command") is None  # set for the user, not in this repository
        config_set(repository, "diff.agreed.command", "-x  two spaces")
        assert config_get(repository, "diff.agreed.command") == "-x  two spaces"
        assert config_get(repository, "DIFF.agreed.Command") == "-x  two spaces"  # git's case rules
        assert config_get(repository, "diff.Agreed.command") is None  # a subsection is case-sensitive
    assert repo.git("config", "--local", "--get", "diff.agreed.command") == "-x  two spaces"
    assert "two spaces" not in user.read_text(encoding="utf-8")


def test_config_refuses_bad_names_and_ambiguous_replacements(repo: Repo) -> None:
    repo.git("config", "--local", "--add", "agreed.several", "one")
    repo.git("config", "--local", "--add", "agreed.several", "two")
    with Repository.open(repo.root) as repository:
        for name in ("nodot", "-x.y", "section.1name", "", "a.b\n"):
            with pytest.raises(GitError, match="not a git setting name"):
                config_get(repository, name)
            with pytest.raises(GitError, match="not a git setting name"):
                config_set(repository, name, "value")
        assert config_get(repository, "agreed.several") == "two"
        with pytest.raises(GitError) as raised:
            config_set(repository, "agreed.several", "three")
        assert "\n" not in str(raised.value)
        with pytest.raises(GitError, match="NUL"):
            config_set(repository, "agreed.one", "a\0b")
    assert repo.git("config", "--local", "--get-all", "agreed.several").split() == ["one", "two"]
