package dev.sieve.words;

import java.util.Arrays;

/**
 * Lays out a minimal automaton ({@link Dafsa}) into the frozen byte form read by {@link Trie}.
 *
 * <p>Three node kinds (see {@link Trie} for the byte format): the final sink (every word ends
 * there; one byte at offset 0), <em>chains</em> (a run of non-final single-arc nodes stored as
 * their label bytes and one target, so the nodes inside the run cost nothing), and general nodes
 * (sorted labels, one varint target per arc, see {@link TargetCodes}, word count). Nodes are placed in depth-first preorder so a
 * node's first child usually follows it and targets are small relative deltas; the width of
 * every delta is found by shrinking from the maximum until the layout stops changing (sizes only
 * ever shrink, so distances only shrink and the loop ends).
 */
final class TrieEncoder {
  private static final NodeLayout LAYOUT = NodeLayout.V3;
  static final int MAX_CHAIN = LAYOUT.maxChain();
  /**
   * Largest trie written in format v3 (1 GiB less 4 MiB): every target code (a zigzag distance of
   * up to twice this, plus the 2^14 + 2^20 codes before distances) stays below 2^31, so v3's
   * readers took it as a non-negative int. A larger trie is written as v4 (64-bit codes and hot
   * offsets, {@link NodeLayout#V4}); below it the bytes are v3's, unchanged. (v2 allowed 1 GiB,
   * and v2 files that large are still read.)
   */
  static final int MAX_BYTES = (1 << 30) - (1 << 22);
  /** Largest trie of any version: offsets and codes are 64-bit, with room for the codes' zigzag. */
  static final long MAX_BYTES_V4 = 1L << 60;
  /**
   * A node is named through the hot table only if at least this many arcs point to it: a table
   * entry costs 4 bytes and saves about one byte per arc. 6 gave the smallest tries on wfrench
   * and wamerican-insane among 2, 3, 4, 5, 6, 8, 12 (1.665 MB vs 1.693 MB at 3 and 1.763 MB at 2).
   */
  static final int MIN_HOT_REFS = 6;
  /**
   * The same for the third tier (3-byte codes, v3), which replaces mostly 4-byte distances: one
   * byte saved per reference against a 4-byte entry. Only lists of a million words and more fill
   * the first two tiers; on 1 M usernames the tier saved 0.30% at 8 (9,250,494 vs 9,278,007
   * bytes without it), 0.25% at 5 (ListSizes, 2026-12-01, first variant of v3's next flag).
   */
  static final int MIN_HOT3_REFS = 8;
  private static final byte KIND_SINK = 0;
  private static final byte KIND_CHAIN = 1;
  private static final byte KIND_GENERAL = 2;

  private final Dafsa a;
  private final int root;
  // Every table of nodes or arcs is paged (Pages): a big part has tens of millions of entries.
  // Placed nodes, in layout order.
  private int placed;
  private final Pages.Ints head;      // dafsa id of the node (the chain's first node for chains)
  private final Pages.Bytes kind;
  private final Pages.Bytes chainLen; // at most MAX_CHAIN (31)
  private final Pages.Ints chainEnd;  // dafsa id the chain leads to
  private final Pages.Ints slotOf; // dafsa id -> placed index, -1 if not placed (absorbed or unvisited)
  private Pages.Longs offset;
  private Pages.Shorts size;    // at most 1 + 1 + 256 + 1 + 256 * 8 + 10 bytes
  private final int pageShift;
  private final boolean forceV4;
  private NodeLayout layout = LAYOUT; // V4 once the trie passes MAX_BYTES
  private Pages.Ints hotIndex; // placed index -> index in the hot table, or -1
  private int[] hotSlots;     // hot table index -> placed index
  private TargetCodes codes;
  // The stored targets of every placed node, in layout order, known before any offset is:
  // node s's are refs[refStart[s] .. refStart[s + 1]); a ref >= 0 is the target's placed index
  // (named by distance), a ref < 0 is -1 - code for the sink and hot nodes, whose codes do not
  // depend on the layout. Each pass of the layout's fixed point then reads one random offset per
  // arc instead of four arrays at random (slot, kind, hot index, offset).
  private Pages.Ints refStart;
  private Pages.Ints refs;

  private final int bits; // of the tables' pages: the automaton's

  private TrieEncoder(Dafsa a, int root, int pageShift, boolean forceV4) {
    this.a = a;
    this.root = root;
    this.pageShift = pageShift;
    this.forceV4 = forceV4;
    this.bits = a.pageBits();
    this.slotOf = new Pages.Ints(a.nodeCount, bits);
    slotOf.fill(-1);
    int cap = a.nodeCount + 1;
    head = new Pages.Ints(cap, bits);
    kind = new Pages.Bytes(cap, bits);
    chainLen = new Pages.Bytes(cap, bits);
    chainEnd = new Pages.Ints(cap, bits);
  }

  static Trie encode(Dafsa a, int root) {
    return encode(a, root, TrieBytes.DEFAULT_SHIFT, false);
  }

  /**
   * As {@link #encode(Dafsa, int)}, into pages of {@code 2^pageShift} bytes; {@code forceV4}
   * writes format v4 whatever the size (tests and the golden file: v4 is otherwise only written
   * past {@link #MAX_BYTES}).
   */
  static Trie encode(Dafsa a, int root, int pageShift, boolean forceV4) {
    a.freeRegister(); // no more interning: its memory goes before the encoder's arrays come
    TrieEncoder e = new TrieEncoder(a, root, pageShift, forceV4);
    e.placeNodes();
    e.chooseHotNodes();
    e.collectRefs();
    e.computeLayout();
    return e.emit();
  }

  private boolean isSink(int id) {
    return a.isFinal(id) && a.arcsOf(id) == 0;
  }

  private boolean isChainy(int id) {
    return !a.isFinal(id) && a.arcsOf(id) == 1;
  }

  /** Depth-first preorder placement; the sink (if any) goes first, at offset 0. */
  private void placeNodes() {
    // Local, so it is garbage once the nodes are placed.
    Pages.Ints indegree = new Pages.Ints(a.nodeCount, bits);
    for (int i = 0; i < a.arcCount; i++) {
      indegree.increment(a.arcTarget(i));
    }
    for (int id = 0; id < a.nodeCount; id++) {
      if (isSink(id)) {
        place(id, KIND_SINK);
        break;
      }
    }
    int[] stack = new int[64];
    int sp = 0;
    stack[sp++] = root;
    while (sp > 0) {
      int id = stack[--sp];
      if (slotOf.get(id) >= 0) {
        continue;
      }
      if (isChainy(id)) {
        int s = place(id, KIND_CHAIN);
        int k = 1;
        int next = a.arcTarget(a.firstArc(id));
        while (k < MAX_CHAIN && next != root && isChainy(next) && indegree.get(next) == 1) {
          k++;
          next = a.arcTarget(a.firstArc(next));
        }
        chainLen.set(s, (byte) k);
        chainEnd.set(s, next);
        if (sp == stack.length) {
          stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = next;
      } else {
        place(id, KIND_GENERAL);
        int from = a.firstArc(id);
        int to = a.firstArc(id + 1);
        if (sp + (to - from) > stack.length) {
          stack = Arrays.copyOf(stack, Math.max(stack.length * 2, sp + to - from));
        }
        // The last arc's target is pushed last, so it is placed right after this node: that arc
        // then needs no stored target (the next flag), and reaching it costs one varint more
        // than in v2 (the count), since the arcs before it are skipped anyway. Lucene's FST
        // also lays the last arc's target next.
        for (int i = from; i < to; i++) {
          if (slotOf.get(a.arcTarget(i)) < 0) {
            stack[sp++] = a.arcTarget(i);
          }
        }
      }
    }
    // Chains absorb most nodes: the per-placed tables shrink to what was placed.
    head.shrink(placed);
    kind.shrink(placed);
    chainLen.shrink(placed);
    chainEnd.shrink(placed);
  }

  private int place(int id, byte k) {
    int s = placed++;
    head.set(s, id);
    kind.set(s, k);
    slotOf.set(id, s);
    return s;
  }

  /** Whether arc {@code target} of placed node {@code s} leads to the node placed right after it. */
  private boolean isNext(int s, int target) {
    return slotOf.get(target) == s + 1;
  }

  /** Whether general node {@code s} leaves its last arc's target out (see {@link NodeLayout}). */
  private boolean lastArcIsNext(int s) {
    int id = head.get(s);
    int n = a.arcsOf(id);
    return n > 0 && n < Trie.WIDE && isNext(s, a.arcTarget(a.firstArc(id + 1) - 1));
  }

  /**
   * Picks the nodes named through the hot table (see {@link TargetCodes}): the most referenced
   * ones, as long as their references save more than their table entry costs. References that
   * the next flag makes free do not count.
   */
  private void chooseHotNodes() {
    Pages.Ints refs = new Pages.Ints(placed, bits);
    for (int s = 0; s < placed; s++) {
      if (kind.get(s) == KIND_CHAIN) {
        if (!isNext(s, chainEnd.get(s))) {
          refs.increment(slotOf.get(chainEnd.get(s)));
        }
      } else if (kind.get(s) == KIND_GENERAL) {
        int id = head.get(s);
        int to = a.firstArc(id + 1) - (lastArcIsNext(s) ? 1 : 0);
        for (int i = a.firstArc(id); i < to; i++) {
          refs.increment(slotOf.get(a.arcTarget(i)));
        }
      }
    }
    // Most referenced first, then by layout order: one primitive sort of (refs descending, slot)
    // packed in a long, not a boxed comparator sort (there are millions of candidates at 20 M).
    int threshold = Math.min(MIN_HOT_REFS, MIN_HOT3_REFS);
    int candidates = 0;
    for (int s = 0; s < placed; s++) {
      if (kind.get(s) != KIND_SINK && refs.get(s) >= threshold) {
        candidates++;
      }
    }
    long[] bySlot = new long[candidates];
    candidates = 0;
    for (int s = 0; s < placed; s++) {
      if (kind.get(s) != KIND_SINK && refs.get(s) >= threshold) {
        bySlot[candidates++] = ((long) (Integer.MAX_VALUE - refs.get(s)) << 32) | s;
      }
    }
    Arrays.sort(bySlot);
    int n = 0;
    while (n < candidates && n < TargetCodes.MAX_HOT
        && refs.get((int) bySlot[n]) >= (n < TargetCodes.MAX_HOT_V2 ? MIN_HOT_REFS : MIN_HOT3_REFS)) {
      n++;
    }
    hotIndex = new Pages.Ints(placed, bits);
    hotIndex.fill(-1);
    hotSlots = new int[n];
    for (int i = 0; i < n; i++) {
      hotSlots[i] = (int) bySlot[i];
      hotIndex.set((int) bySlot[i], i);
    }
    codes = new TargetCodes(new int[n]);
  }

  private void collectRefs() {
    refStart = new Pages.Ints(placed + 1, bits);
    int total = 0;
    for (int s = 0; s < placed; s++) {
      refStart.set(s, total);
      if (kind.get(s) == KIND_CHAIN) {
        total += isNext(s, chainEnd.get(s)) ? 0 : 1;
      } else if (kind.get(s) == KIND_GENERAL) {
        total += a.arcsOf(head.get(s)) - (lastArcIsNext(s) ? 1 : 0);
      }
    }
    refStart.set(placed, total);
    refs = new Pages.Ints(total, bits);
    for (int s = 0; s < placed; s++) {
      int r = refStart.get(s);
      if (kind.get(s) == KIND_CHAIN) {
        if (r < refStart.get(s + 1)) {
          refs.set(r, ref(chainEnd.get(s)));
        }
      } else if (kind.get(s) == KIND_GENERAL) {
        int id = head.get(s);
        for (int i = a.firstArc(id), to = i + refStart.get(s + 1) - r; i < to; i++) {
          refs.set(r++, ref(a.arcTarget(i)));
        }
      }
    }
  }

  private int ref(int target) {
    int t = slotOf.get(target);
    if (kind.get(t) == KIND_SINK) {
      return -1;
    }
    int hot = hotIndex.get(t);
    return hot >= 0 ? -1 - codes.hotCode(hot) : t;
  }

  /** Code of ref {@code r} of the placed node at offset {@code at} in the current layout. */
  private long code(long at, int r) {
    int ref = refs.get(r);
    return ref < 0 ? -1 - ref : codes.distanceCode(offset.get(ref) - at);
  }

  private void computeLayout() {
    offset = new Pages.Longs(placed + 1, bits);
    size = new Pages.Shorts(placed, bits);
    // Start from the widest encoding, then shrink to a fixed point. The widest v3 codes (5-byte
    // varints, 4-byte fixed targets) bound every code while the widest layout stays within
    // MAX_BYTES; past it, codes may need 64 bits (v4) and the start is their widest.
    long widest = 0;
    for (int s = 0; s < placed; s++) {
      int z = sizeOf(s, true);
      size.set(s, (short) z);
      widest += z;
    }
    if (widest > MAX_BYTES) {
      widestVar = 10;
      widestWidth = 8;
      for (int s = 0; s < placed; s++) {
        size.set(s, (short) sizeOf(s, true));
      }
    }
    boolean changed = true;
    while (changed) {
      long total = 0;
      for (int s = 0; s < placed; s++) {
        offset.set(s, total);
        total += size.get(s);
      }
      if (total > MAX_BYTES_V4) {
        throw new IllegalStateException("word set too large: its trie needs " + total + " bytes, at most " + MAX_BYTES_V4);
      }
      offset.set(placed, total);
      changed = false;
      for (int s = 0; s < placed; s++) {
        int z = sizeOf(s, false);
        if (z != size.get(s)) {
          size.set(s, (short) z);
          changed = true;
        }
      }
    }
    if (forceV4 || offset.get(placed) > MAX_BYTES) {
      layout = NodeLayout.V4;
    }
  }

  // Bytes of a target at its widest: v3's until the trie may pass MAX_BYTES (computeLayout).
  private int widestVar = 5;
  private int widestWidth = 4;

  /** Encoded target of an arc from placed node {@code s} to dafsa node {@code target}. */
  private long targetCode(int s, int target) {
    int t = slotOf.get(target);
    if (kind.get(t) == KIND_SINK) {
      return 0;
    }
    int hot = hotIndex.get(t);
    if (hot >= 0) {
      return codes.hotCode(hot);
    }
    return codes.distanceCode(offset.get(t) - offset.get(s));
  }

  private int sizeOf(int s, boolean widest) {
    int id = head.get(s);
    switch (kind.get(s)) {
      case KIND_SINK:
        return 1;
      case KIND_CHAIN: {
        int z = 1 + chainLen.get(s);
        long at = offset.get(s);
        for (int r = refStart.get(s), to = refStart.get(s + 1); r < to; r++) {
          z += widest && refs.get(r) >= 0 ? widestVar : varLen(code(at, r));
        }
        return z;
      }
      default: {
        int n = a.arcsOf(id);
        int z = 1 + (n >= LAYOUT.arcCount ? 1 : 0) + n + varLen(a.wordCount(id));
        if (n >= Trie.WIDE) {
          return z + 1 + n * (widest ? widestWidth : width(s));
        }
        long at = offset.get(s);
        for (int r = refStart.get(s), to = refStart.get(s + 1); r < to; r++) {
          z += widest && refs.get(r) >= 0 ? widestVar : varLen(code(at, r));
        }
        return z;
      }
    }
  }

  /** Bytes per target of a wide node: enough for its largest code (at least 1). */
  private int width(int s) {
    long max = 0;
    long at = offset.get(s);
    for (int r = refStart.get(s), to = refStart.get(s + 1); r < to; r++) {
      max |= code(at, r);
    }
    return Math.max(1, (64 - Long.numberOfLeadingZeros(max) + 7) >>> 3);
  }

  /** Bytes of an unsigned varint holding a target code or a word count. */
  static int varLen(long v) {
    // 7 bits a byte; no loop: the layout's fixed point calls this for every arc on every pass.
    return (63 - Long.numberOfLeadingZeros(v | 1)) / 7 + 1;
  }

  private Trie emit() {
    TrieBytes.Writer out = new TrieBytes.Writer(offset.get(placed), pageShift);
    long[] roles = new long[Trie.ROLES.length];
    for (int s = 0; s < placed; s++) {
      if (out.position() != offset.get(s)) {
        throw new IllegalStateException("node " + s + " written at " + out.position() + ", laid out at " + offset.get(s));
      }
      int id = head.get(s);
      switch (kind.get(s)) {
        case KIND_SINK:
          out.put((byte) 0);
          roles[Trie.ROLE_HEADERS]++;
          break;
        case KIND_CHAIN: {
          int k = chainLen.get(s);
          boolean next = isNext(s, chainEnd.get(s));
          out.put((byte) ((next ? LAYOUT.chainNext : 0) | k));
          int n = id;
          for (int j = 0; j < k; j++) {
            out.put(a.arcLabel(a.firstArc(n)));
            n = a.arcTarget(a.firstArc(n));
          }
          int len = next ? 0 : out.putVar(targetCode(s, chainEnd.get(s)));
          roles[Trie.ROLE_HEADERS]++;
          roles[Trie.ROLE_LABELS] += k;
          roles[Trie.ROLE_TARGETS] += len;
          break;
        }
        default: {
          int n = a.arcsOf(id);
          int from = a.firstArc(id);
          boolean next = lastArcIsNext(s);
          out.put((byte) (0x80 | (a.isFinal(id) ? 0x40 : 0) | (next ? LAYOUT.arcNext : 0) | Math.min(n, LAYOUT.arcCount)));
          roles[Trie.ROLE_HEADERS]++;
          if (n >= LAYOUT.arcCount) {
            out.put((byte) (n - LAYOUT.arcCount));
            roles[Trie.ROLE_HEADERS]++;
          }
          for (int j = 0; j < n; j++) {
            out.put(a.arcLabel(from + j));
          }
          if (n >= Trie.WIDE) {
            int w = width(s);
            out.put((byte) w);
            for (int j = 0; j < n; j++) {
              long code = targetCode(s, a.arcTarget(from + j));
              for (int b = 0; b < w; b++) {
                out.put((byte) (code >>> (8 * b)));
              }
            }
            roles[Trie.ROLE_TARGETS] += 1 + (long) n * w;
          } else {
            for (int j = 0; j < (next ? n - 1 : n); j++) {
              roles[Trie.ROLE_TARGETS] += out.putVar(targetCode(s, a.arcTarget(from + j)));
            }
          }
          int len = out.putVar(a.wordCount(id));
          roles[Trie.ROLE_LABELS] += n;
          roles[Trie.ROLE_COUNTS] += len;
        }
      }
    }
    TargetCodes table;
    if (layout.wideCodes()) {
      long[] hot = new long[hotSlots.length];
      for (int i = 0; i < hot.length; i++) {
        hot[i] = offset.get(hotSlots[i]);
      }
      table = new TargetCodes(hot);
    } else {
      int[] hot = codes.hot; // the table the codes were chosen with: same entries, now filled in
      for (int i = 0; i < hot.length; i++) {
        hot[i] = (int) offset.get(hotSlots[i]);
      }
      table = codes;
    }
    roles[Trie.ROLE_HOT] = table.byteSize();
    return new Trie(layout, out.finish(), table, offset.get(slotOf.get(root)), a.wordCount(root), TrieFigures.of(roles, placed), a.nodeCount,
        a.arcCount);
  }
}
