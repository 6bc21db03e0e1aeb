"""Linting: the rule contract, the registry of rules and the engine that runs them."""
