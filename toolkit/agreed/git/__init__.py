"""The one adapter around git, split by job.

- :mod:`agreed.git.repository`: open a repository, resolve revisions, read files, blobs and trees; the errors.
- :mod:`agreed.git.history`: an agreement's versions following renames, deleted and reachable files, shallow clones.
- :mod:`agreed.git.changes`: what changed since a merge base (``agreed diff --base``).
- :mod:`agreed.git.additions`: which commit added a file and what that commit's signature is (the consent ledger).
- :mod:`agreed.git.config`: the repository's own git settings (``agreed init``).

Only :mod:`agreed.git.repository` touches GitPython, inside its functions, so importing any of these modules costs
nothing and the lint paths never load it. The other modules run git through :meth:`Repository.run`.
"""
