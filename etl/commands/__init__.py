"""One module per CLI command group; each exposes ``register(subparsers)``.

A command's handler takes ``(settings, args)`` and returns the exit code.
"""
