"""Commands beyond check, rules and explain, one module each, registered in preflight/cli.py."""
