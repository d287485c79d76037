package org.regshift.redundancy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A uniformly random permutation of a sequence that keeps its dinucleotide counts, and therefore
 * its first and last base (Altschul and Erickson 1985, in the random-Eulerian-walk form of Kandel
 * et al. 1996 that MEME's fasta-shuffle-letters uses): choose each letter's last exit so that the
 * last exits form a tree into the final letter, shuffle the other exits, and walk.
 */
final class DinucleotideShuffle {
    private DinucleotideShuffle() {
    }

    /** The shuffled copy of {@code s}, a string over any letters. */
    static String shuffle(String s, Random random) {
        int n = s.length();
        if (n < 3) {
            return s;
        }
        StringBuilder alphabet = new StringBuilder();
        s.chars().distinct().sorted().forEach(c -> alphabet.append((char) c));
        char[] letters = alphabet.toString().toCharArray();
        int[] code = new int[n];
        for (int i = 0; i < n; i++) {
            code[i] = Arrays.binarySearch(letters, s.charAt(i));
        }
        int v = letters.length;
        List<List<Integer>> exits = new ArrayList<>();
        for (int a = 0; a < v; a++) {
            exits.add(new ArrayList<>());
        }
        for (int i = 0; i + 1 < n; i++) {
            exits.get(code[i]).add(code[i + 1]);
        }
        int last = code[n - 1];
        int[] lastExit = chooseLastExits(exits, last, random);
        for (int a = 0; a < v; a++) {
            List<Integer> e = exits.get(a);
            if (lastExit[a] >= 0) {
                int kept = e.remove(lastExit[a]);
                Collections.shuffle(e, random);
                e.add(kept);
            } else {
                Collections.shuffle(e, random);
            }
        }
        int[] next = new int[v];
        char[] out = new char[n];
        int at = code[0];
        out[0] = letters[at];
        for (int i = 1; i < n; i++) {
            at = exits.get(at).get(next[at]++);
            out[i] = letters[at];
        }
        return new String(out);
    }

    /** Per letter with exits (but the last letter): the index of its last exit, redrawn until they lead to {@code last}. */
    private static int[] chooseLastExits(List<List<Integer>> exits, int last, Random random) {
        int v = exits.size();
        int[] index = new int[v];
        int[] letter = new int[v];
        while (true) {
            for (int a = 0; a < v; a++) {
                List<Integer> e = exits.get(a);
                index[a] = e.isEmpty() || a == last ? -1 : random.nextInt(e.size());
                letter[a] = index[a] < 0 ? -1 : e.get(index[a]);
            }
            if (reachLast(letter, last)) {
                return index;
            }
        }
    }

    private static boolean reachLast(int[] letter, int last) {
        for (int a = 0; a < letter.length; a++) {
            int at = a;
            for (int step = 0; at != last && at >= 0 && step <= letter.length; step++) {
                at = letter[at];
            }
            if (at != last && letter[a] >= 0) {
                return false;
            }
        }
        return true;
    }
}
