"""Staff texts as the report prints them: without the hand-typed twins of the sentences
reports.pp39.narrative generates from the data (the demo's texts were transcribed from the
Word report, where such sentences were typed by hand and contradict the data, e.g. II.3 "dari
target 1"), and without sentences that state achievement themselves (reports.checks.texts
lists what was left out)."""

from __future__ import annotations

import re

from reports.checks.texts import without_claims

_NUM = r"\d+(?:[.,]\s?\d+)?"
_Q = r"(?:triwulan|tw)\s+(?:[IVX]+|\d)"
# Hand-typed twins of generated sentences, matched within one paragraph (case-insensitive).
FORMULAIC_PATTERNS = [
    # "Realisasi dari indikator kinerja "X" adalah 37 persen dari target 30 persen dengan
    # capaian sebesar 123,33%."
    rf"Realisasi dari indikator\b[^\n]*?capaian[^\n]*?{_NUM}\s?%\s*[.,]?",
    r"Realisasi ini diperoleh dari perhitungan yang ditunjukkan pada (?:tabel|table)\s*"
    r"(?:\d+\.\s?\d+|\.\.\.)?\.?",
    # "Pada Triwulan IV TA 2024 target fisik dari indikator ini 100% dengan realisasi 100%."
    rf"(?:Kinerja\s+)?Pada\s+{_Q}\s+TA\.?\s?\d{{4}},?\s+target fisik dari indikator ini\s+"
    rf"(?:sebesar\s+)?{_NUM}\s?%\s+dengan realisasi\s+(?:fisik\s+)?(?:sebesar\s+)?{_NUM}\s?%\s*\.?",
    # output texts (3.1.2)
    rf"Sampai dengan {_Q} total realisasi keuangan pada kegiatan ini adalah {_NUM}\s?"
    rf"(?:persen|%)[^\n]*?terlaksana\s+{_NUM}\s?%\s*\.?",
    rf"Adapun total realisasi keuangan pada {_Q} adalah {_NUM}\s?%\s+dari target"
    rf"(?:\s+keuangan)?\s+{_NUM}\s?%\s*\.?",
    r"Pada kegiatan ini terdapat \d+\s*\([^)]*\)\s*Klasifikasi Rincian Output \(KRO\)"
    r"[^\n]*?terdiri dari\s*:?",
    # closing (BAB IV)
    rf"Berdasarkan data di atas, realisasi keuangan[^\n]*?{_NUM}\s?%\s+dari target\s+{_NUM}\s?%\s*[,.]?",
    rf"Realisasi fisik mencapai target[^\n]*?{_NUM}\s?%\s+dari target(?:\s+sebesar)?\s+{_NUM}\s?%\s*\.?",
    # references to a table number typed by hand ("Berikut ... pada tabel 2.4")
    r"Berikut\s[^\n]*?pada (?:tabel|table)\s+\d+(?:\.\s?\d+)?\s*\.?",
    # programme list of BAB II (generated from the budget tree)
    r"Program yang dilaksanakan oleh[^\n]*?terdiri dari\s*:",
]
_LINE_PATTERNS = [
    re.compile(r"^\s*\d+\.\s*Program\b.*terdiri dari\s*:\s*$", re.IGNORECASE),
    re.compile(r"^\s*[a-z]\.\s+[^\n]*\([A-Z]{2,4}\)\s*$"),
]
_SENTENCES = [re.compile(p, re.IGNORECASE) for p in FORMULAIC_PATTERNS]
_VERDICT_PARAGRAPH = re.compile(r"^\s*Dari data di atas\b.*\b(?:berhasil|mencapai target)", re.I)


def strip_formulaic(text: str) -> str:
    """The staff text without the sentences this module generates from the data, and without
    the sentences that state achievement themselves (only generated sentences state it; the
    checks list what was left out: reports.checks.texts)."""
    if not text:
        return ""
    paragraphs = []
    for para in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        if _VERDICT_PARAGRAPH.search(para):
            continue
        original = para.strip()
        lines = [ln for ln in para.split("\n") if not any(p.match(ln) for p in _LINE_PATTERNS)]
        para = "\n".join(lines)
        for pattern in _SENTENCES:
            para = pattern.sub("", para)
        para = re.sub(r"[ \t]{2,}", " ", para).strip(" \t\n,;")
        if not para or para in (".", ":"):
            continue
        if para != original:  # a sentence was cut: the remainder starts a sentence
            para = para[0].upper() + para[1:]
        paragraphs.append(para)
    return without_claims("\n\n".join(paragraphs))
