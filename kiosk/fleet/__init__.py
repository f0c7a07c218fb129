"""Fleet: usage upload to the province over OTLP/HTTP, signed content packs over static HTTPS (no Qt here)."""
