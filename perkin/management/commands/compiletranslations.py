"""Compiles locale/*/LC_MESSAGES/django.po into .mo without GNU gettext (not installed on
every machine); the compiled files are committed so `make run` needs nothing extra."""

import ast
import struct
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


def parse_po(text: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    msgid = msgstr = None
    current = None
    for line in text.splitlines() + [""]:
        line = line.strip()
        if line.startswith("msgid "):
            if msgid is not None and msgstr is not None:
                entries[msgid] = msgstr
            msgid, msgstr, current = ast.literal_eval(line[6:]), None, "id"
        elif line.startswith("msgstr "):
            msgstr, current = ast.literal_eval(line[7:]), "str"
        elif line.startswith('"') and current:
            value = ast.literal_eval(line)
            if current == "id":
                msgid += value
            else:
                msgstr += value
        elif not line and msgid is not None and msgstr is not None:
            entries[msgid] = msgstr
            msgid = msgstr = current = None
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
