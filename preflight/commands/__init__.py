"""Commands beyond 'check', 'rules' and 'explain', one module each, registered at the end of preflight.cli."""
