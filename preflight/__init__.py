"""dossier-preflight: check a research-competition PDF dossier before upload."""

__version__ = "0.1.0"
