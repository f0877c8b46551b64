package dev.sieve.words;

/**
 * The bits of a node's header byte, per format version. Both versions share the node kinds
 * (0x00 sink, 0x01..0x7F chain, 0x80.. general with bit 0x40 = final) and the target codes
 * ({@link TargetCodes}); v3 takes one bit of each header for a <em>next</em> flag:
 *
 * <ul>
 *   <li>chain {@code 0x01..0x7F}: v2: {@code k = h} labels; v3: {@code k = h & 0x3F}
 *       (1..63), and bit 0x40 set means the chain's target is the node that follows it, so no
 *       target is stored;
 *   <li>general {@code 0x80 | final << 6 | ...}: v2: 6 bits of arc count (63: the next byte adds
 *       to it); v3: 5 bits of arc count (31: the next byte adds to it) and bit 0x20 set means
 *       the last arc's target is the node that follows this one (only in nodes with fewer than
 *       {@link Trie#WIDE} arcs), so that arc stores no target.
 * </ul>
 *
 * <p>Why: nodes are laid out in depth-first preorder, the last arc's child first, so that child
 * comes right after its parent unless another path placed it already; a distance to it costs a
 * byte. On 1 M usernames 272 k of 752 k chains end this way. The last arc rather than the first:
 * a lookup reaches arc j by skipping the j targets before it, so the last arc's target, found
 * by skipping the word count too, costs one varint more than before and the others nothing.
 *
 * <p>v4 has v3's node headers; its target codes may pass 32 bits (a trie past 2^31 bytes): varints
 * of up to 10 bytes and wide targets of up to 8 bytes, with 8-byte hot-table entries
 * ({@link TrieFormat}).
 *
 * <p>A set read from a v2 file keeps v2's layout (it is read in place, never converted), so the
 * readers take the masks from here rather than from constants. Immutable.
 */
final class NodeLayout {
  static final NodeLayout V2 = new NodeLayout(2, 0x7F, 0, 0x3F, 0);
  static final NodeLayout V3 = new NodeLayout(3, 0x3F, 0x40, 0x1F, 0x20);
  static final NodeLayout V4 = new NodeLayout(4, 0x3F, 0x40, 0x1F, 0x20);

  final int version;
  /** Mask of a chain header giving its number of labels. */
  final int chainLength;
  /** Bit of a chain header saying its target is the next node (0: none in this version). */
  final int chainNext;
  /** Mask of a general header giving its arc count; the all-ones value escapes to a second byte. */
  final int arcCount;
  /** Bit of a general header saying the last arc leads to the next node (0: none in this version). */
  final int arcNext;

  private NodeLayout(int version, int chainLength, int chainNext, int arcCount, int arcNext) {
    this.version = version;
    this.chainLength = chainLength;
    this.chainNext = chainNext;
    this.arcCount = arcCount;
    this.arcNext = arcNext;
  }

  static NodeLayout of(int version) {
    return version == 2 ? V2 : version == 3 ? V3 : version == 4 ? V4 : null;
  }

  /** Whether target codes may pass 32 bits (v4): longer varints, wider fixed-width targets. */
  boolean wideCodes() {
    return version >= 4;
  }

  /** Most bytes of a target varint (5: a code below 2^32; 10: 64 bits). */
  int maxTargetVar() {
    return wideCodes() ? 10 : 5;
  }

  /** Most bytes of a fixed-width target of a wide node. */
  int maxTargetWidth() {
    return wideCodes() ? 8 : 4;
  }

  /** Codes of this version are below this (v2 and v3 readers took them as non-negative ints). */
  long codeLimit() {
    return wideCodes() ? Long.MAX_VALUE : 1L << 31;
  }

  /** Longest chain one chain node holds. */
  int maxChain() {
    return chainLength;
  }

  /** Most hot-node table entries a file of this version may hold. */
  int maxHot() {
    return version == 2 ? TargetCodes.MAX_HOT_V2 : TargetCodes.MAX_HOT;
  }
}
