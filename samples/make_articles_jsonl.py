#!/usr/bin/env python3
"""Writes samples/jsonl/articles.jsonl from samples/*.txt.

Each NAME.txt is "title\\n\\nbody\\n"; NAME is "<country>-<YYYY-MM-DD>-<place>",
and the date in the name is the story date. One JSON object per article:
{"id": NAME, "date": ..., "title": ..., "text": body (no final newline),
 "source": "sitrep samples"}. The io tests check that the two stay in sync.
"""
import json
import pathlib

here = pathlib.Path(__file__).resolve().parent
out = here / "jsonl" / "articles.jsonl"
out.parent.mkdir(exist_ok=True)
with out.open("w", encoding="utf-8") as f:
    for path in sorted(here.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        title, body = raw.split("\n\n", 1)
        record = {"id": path.stem, "date": path.stem[4:14], "title": title,
                  "text": body.rstrip("\n"), "source": "sitrep samples"}
        f.write(json.dumps(record, ensure_ascii=False) + "\n")
