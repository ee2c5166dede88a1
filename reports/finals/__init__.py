"""Final versions of a quarterly report: rendered once, stored unchanged with their hashes,
signed electronically outside Perkin (BSrE or any PAdES tool) and accepted back only when the
signature is intact over the frozen file."""
