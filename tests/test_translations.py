"""The French catalogue is complete and covers every interface string in the code."""

import ast
import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale/fr/LC_MESSAGES/django.po"
COMPILED = CATALOGUE.with_suffix(".mo")


def entries(po_text):
    """(msgid, msgstr, flags) for each entry of a .po file (plural forms joined)."""
    result = []
    for block in po_text.strip().split("\n\n"):
        flags = " ".join(line for line in block.splitlines() if line.startswith("#,"))
        fields, current = {}, None
        for line in block.splitlines():
            match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" in fields:
            msgstrs = [v for k, v in fields.items() if k.startswith("msgstr")]
            key = (fields.get("msgctxt"), fields["msgid"])
            result.append((key, msgstrs, flags))
    return result


def test_every_french_entry_is_translated_and_not_fuzzy():
    missing = [
        key
        for key, msgstrs, flags in entries(CATALOGUE.read_text())
        if key[1] and (not all(msgstrs) or "fuzzy" in flags)
    ]
    assert missing == []


def test_compiled_catalogue_says_what_the_po_file_says():
    """The .mo is committed so that the site runs without gettext's tools; `make messages`
    recompiles it. A .po changed without recompiling would leave French pages in English."""

    def unescape(text):
        return ast.literal_eval(f'"{text}"')

    expected = {}
    for (context, msgid), msgstrs, _flags in entries(CATALOGUE.read_text()):
        if not msgid:
            continue  # the header
        key = unescape(f"{context}\x04{msgid}" if context else msgid)
        if len(msgstrs) == 1:
            expected[key] = unescape(msgstrs[0])
        else:
            expected.update({(key, n): unescape(text) for n, text in enumerate(msgstrs)})
    with COMPILED.open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog  # its only whole-catalogue view
    catalog = {key: text for key, text in catalog.items() if key != ""}
    assert catalog == expected


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs gettext (apt-get install gettext)")
def test_catalogue_covers_every_string_in_the_code(tmp_path):
    """Re-extract the strings from a copy of the code: none may be missing from the catalogue."""
    for folder in ("esa_archive", "missions", "templates"):
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "manage.py", tmp_path)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "fr", "--verbosity", "0"],
        cwd=tmp_path,
        check=True,
    )
    extracted = {
        key
        for key, _msgstrs, _flags in entries(
            (tmp_path / "locale/fr/LC_MESSAGES/django.po").read_text()
        )
        if key[1]
    }
    catalogued = {key for key, _msgstrs, _flags in entries(CATALOGUE.read_text()) if key[1]}
    assert sorted(extracted - catalogued, key=str) == []
