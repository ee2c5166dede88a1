"""Compiles locale/*/LC_MESSAGES/django.po into .mo without GNU gettext (not installed on
every machine); the compiled files are committed so `make run` needs nothing extra."""

import ast
import struct
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


def parse_po(text: str) -> dict[str, str]:
    """msgid -> msgstr; a plural entry is keyed 'singular\\0plural' with its forms joined by
    '\\0' (the .mo convention). Fuzzy entries are left out, as msgfmt does."""
    entries: dict[str, str] = {}
    parts: dict[str, str] = {}
    current = None
    fuzzy = False

    def flush() -> None:
        if "id" in parts and not fuzzy:
            if "plural" in parts:
                forms = [parts[k] for k in sorted(p for p in parts if p.startswith("str["))]
                if all(forms):
                    entries[parts["id"] + "\0" + parts["plural"]] = "\0".join(forms)
            elif "str" in parts:
                entries[parts["id"]] = parts["str"]

    for line in text.splitlines() + [""]:
        line = line.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            flush()
            parts, current = {"id": ast.literal_eval(line[6:])}, "id"
        elif line.startswith("msgid_plural "):
            parts["plural"], current = ast.literal_eval(line[13:]), "plural"
        elif line.startswith("msgstr["):
            key, _, value = line.partition(" ")
            current = key.replace("msgstr", "str")
            parts[current] = ast.literal_eval(value)
        elif line.startswith("msgstr "):
            parts["str"], current = ast.literal_eval(line[7:]), "str"
        elif line.startswith('"') and current:
            parts[current] += ast.literal_eval(line)
        elif not line:
            flush()
            parts, current, fuzzy = {}, None, False
    return {k: v for k, v in entries.items() if v or k == ""}


def write_mo(entries: dict[str, str], path: Path) -> None:
    keys = sorted(entries)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(entries[k].encode() + b"\0" for k in keys)
    start = 7 * 4 + 16 * len(keys)
    offsets, o = [], 0
    for k in keys:
        offsets.append((len(k.encode()), start + o))
        o += len(k.encode()) + 1
    str_start = start + len(ids)
    soffsets, o = [], 0
    for k in keys:
        v = entries[k].encode()
        soffsets.append((len(v), str_start + o))
        o += len(v) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    table = b"".join(struct.pack("ii", *x) for x in offsets + soffsets)
    path.write_bytes(header + table + ids + strs)


class Command(BaseCommand):
    help = "Compiles the project's .po files to .mo (pure Python)."

    def handle(self, *args, **options):
        for po in Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"):
            entries = parse_po(po.read_text(encoding="utf-8"))
            write_mo(entries, po.with_suffix(".mo"))
            self.stdout.write(f"{po}: {len(entries) - 1} messages")
