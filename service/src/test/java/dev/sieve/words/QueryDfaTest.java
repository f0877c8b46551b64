package dev.sieve.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link QueryDfa} against the automaton it stands for: its classes and table step as the
 * automaton's own steps do on every code point tried, from every state reached (up to a bound).
 */
class QueryDfaTest {
  @Test
  void classesStepLikeTheirCodePoints() {
    Random rnd = new Random(7);
    List<CodePointAutomaton> automata = new ArrayList<>();
    automata.add(Levenshtein.of("speling", 2, true, 0));
    automata.add(Levenshtein.of("日本語😀x", 1, false, 1));
    automata.add(Levenshtein.of("", 2, true, 0));
    automata.add(Wildcard.parse("c?t*"));
    automata.add(Wildcard.parse("[a-fx]*[!b-d]?[é-ê]\\*"));
    automata.add(Wildcard.parse("*[一-龥]*[^😀-🙏]"));
    int[] probe = "abcdefghxyzéêëè*日本語一龥龦😀🙏🚀".codePoints().toArray();
    for (CodePointAutomaton a : automata) {
      QueryDfa dfa = new QueryDfa(a);
      List<Long> values = new ArrayList<>(List.of(a.start()));
      Map<Long, Integer> ids = new HashMap<>();
      ids.put(a.start(), dfa.start);
      for (int i = 0; i < values.size() && i < 500; i++) {
        long v = values.get(i);
        int id = ids.get(v);
        for (int k = 0; k < 40; k++) {
          int c = k < probe.length ? probe[k] : rnd.nextInt(0x1FFFF);
          long t = a.step(v, c);
          int tid = dfa.step(id, dfa.classOf(c));
          String what = a + " from " + Long.toHexString(v) + " on U+" + Integer.toHexString(c);
          if (t == CodePointAutomaton.DEAD) {
            assertEquals(QueryDfa.DEAD, tid, what);
            continue;
          }
          Integer known = ids.putIfAbsent(t, tid);
          assertEquals(known == null ? tid : known, tid, what + ": one state, one number");
          assertEquals(a.distance(t), dfa.distance[tid], what);
          assertEquals(a.floor(t), dfa.floor[tid], what);
          assertEquals(a.universal(t), dfa.universal[tid], what);
          if (known == null) {
            values.add(t);
          }
        }
      }
    }
  }
}
