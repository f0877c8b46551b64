#!/usr/bin/python3
"""marisa-trie (Debian python3-marisa 0.2.6), the peer of ListSizes: for each list file (one
word a line), distinct words, total_size() of the built trie, and the build time (best of 3, the
Keyset filled and Trie.build; reading excluded, as for the trie). Markdown rows on stdout.

    /usr/bin/python3 loadtest/scripts/marisa-size.py FILE...
"""
import sys
import time

import marisa

print("| list | words | marisa total_size | marisa build ms |")
print("|---|---:|---:|---:|")
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        words = sorted(set(line.rstrip(b"\r\n") for line in f) - {b""})
    best = None
    trie = None
    for _ in range(3):
        t0 = time.perf_counter()
        ks = marisa.Keyset()
        for w in words:
            ks.push_back(w.decode("utf-8"))
        trie = marisa.Trie()
        trie.build(ks)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    print(f"| {path.rsplit('/', 1)[-1]} | {len(words):,} | {trie.total_size():,} | {best * 1000:,.0f} |")
