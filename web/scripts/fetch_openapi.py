"""Write a running gateway's merged OpenAPI document where the API types are generated from.

Usage: fetch_openapi.py GATEWAY_URL OUT_FILE (pretty-printed with sorted keys, so a change
to the API is a readable diff).
"""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path


def main(gateway_url: str, out: str) -> None:
    """Fetch `gateway_url`/openapi.json and write it to `out`."""
    with urllib.request.urlopen(gateway_url.rstrip("/") + "/openapi.json", timeout=30) as answer:
        document = json.load(answer)
    if not document.get("paths"):
        sys.exit(f"{gateway_url}/openapi.json has no paths: is every service of the stack up?")
    with Path(out).open("w") as file:
        json.dump(document, file, indent=2, sort_keys=True)
        file.write("\n")
    print(f"wrote {out}: {len(document['paths'])} paths")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
