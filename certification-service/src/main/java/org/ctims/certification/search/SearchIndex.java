package org.ctims.certification.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

import org.ctims.certification.catalog.Assessment;
import org.ctims.certification.catalog.CareerCluster;
import org.ctims.certification.catalog.Text;

/**
 * An in-memory, immutable search index of one year's current list. A year holds a few thousand
 * assessments, so scanning them all with folded text is fast (well under a millisecond per
 * keystroke) and needs no database extension (see the README, "Search").
 *
 * <p>Ranking, best first: exact number; number prefix (in number order); then name matches,
 * where every word of the query must match a word of the name: the whole word, the start of a
 * word, anywhere inside the name, or within a small typo (one edit, two for words of eight letters
 * or more; a swap of two letters is one edit) or the start of the assessment's number, so a
 * label such as {@code Early Childhood Education (Pre-Pac) - 7503} finds its assessment. A name
 * that starts with the query gets a bonus.
 */
final class SearchIndex {

    private static final Comparator<Hit> BEST_FIRST = Comparator.comparingInt((Hit h) -> -h.score)
            // number matches in number order, name matches shorter (closer) names first
            .thenComparing(h -> h.score >= 900 ? h.entry.number : "")
            .thenComparingInt(h -> h.entry.folded.length())
            .thenComparing(h -> h.entry.folded)
            .thenComparing(h -> h.entry.assessment.number());

    private final long version;
    private final List<Entry> entries;
    private final Map<String, CareerCluster> clusters;
    /** Every distinct word of the names once: a query word is compared with each only once. */
    private final String[] vocabulary;

    SearchIndex(long version, List<Assessment> assessments, List<CareerCluster> clusters) {
        this.version = version;
        this.clusters = clusters.stream().collect(Collectors.toUnmodifiableMap(CareerCluster::code, c -> c));
        Map<String, Integer> wordIds = new HashMap<>();
        this.entries = assessments.stream().map(a -> new Entry(a, wordIds))
                .sorted(Comparator.comparing((Entry e) -> e.folded).thenComparing(e -> e.assessment.number()))
                .toList();
        this.vocabulary = new String[wordIds.size()];
        wordIds.forEach((word, id) -> vocabulary[id] = word);
    }

    long version() {
        return version;
    }

    /** The year's clusters by code. */
    Map<String, CareerCluster> clusters() {
        return clusters;
    }

    List<Assessment> search(String query, int limit) {
        String folded = Text.fold(query);
        if (folded.isEmpty()) {
            return entries.stream().limit(limit).map(e -> e.assessment).toList();
        }
        String numberQuery = query.strip().toLowerCase(Locale.ROOT);
        String[] tokens = folded.split(" ");
        int[][] wordScores = new int[tokens.length][];
        for (int t = 0; t < tokens.length; t++) {
            wordScores[t] = new int[vocabulary.length];
            for (int w = 0; w < vocabulary.length; w++) {
                wordScores[t][w] = wordScore(tokens[t], vocabulary[w]);
            }
        }
        // keep only the best `limit` hits: the worst of them on top, to be replaced by better ones
        PriorityQueue<Hit> best = new PriorityQueue<>(limit + 1, BEST_FIRST.reversed());
        for (Entry entry : entries) {
            int score = Math.max(entry.numberScore(numberQuery), entry.nameScore(folded, tokens, wordScores));
            if (score > 0) {
                Hit hit = new Hit(entry, score);
                if (best.size() < limit) {
                    best.add(hit);
                }
                else if (BEST_FIRST.compare(hit, best.peek()) < 0) {
                    best.poll();
                    best.add(hit);
                }
            }
        }
        List<Hit> hits = new ArrayList<>(best);
        hits.sort(BEST_FIRST);
        return hits.stream().map(h -> h.entry.assessment).toList();
    }

    private static int wordScore(String token, String word) {
        if (word.equals(token)) {
            return 30;
        }
        if (word.startsWith(token)) {
            return 20;
        }
        if (token.length() < 4 || token.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        int allowed = token.length() >= 8 ? 2 : 1;
        if (Math.abs(word.length() - token.length()) <= allowed && Typos.distance(token, word, allowed) <= allowed) {
            return 6;
        }
        // a typo in a word still being typed: compare with the word's start of the same length
        if (word.length() > token.length()
                && Typos.distance(token, word.substring(0, token.length()), allowed) <= allowed) {
            return 5;
        }
        return 0;
    }

    private record Hit(Entry entry, int score) {
    }

    private static final class Entry {

        final Assessment assessment;
        final String number;
        final String folded;
        final int[] words;

        Entry(Assessment assessment, Map<String, Integer> wordIds) {
            this.assessment = assessment;
            this.number = assessment.number().toLowerCase(Locale.ROOT);
            this.folded = Text.fold(assessment.name());
            String[] split = folded.isEmpty() ? new String[0] : folded.split(" ");
            this.words = new int[split.length];
            for (int i = 0; i < split.length; i++) {
                words[i] = wordIds.computeIfAbsent(split[i], w -> wordIds.size());
            }
        }

        int numberScore(String query) {
            if (number.equals(query)) {
                return 1000;
            }
            return number.startsWith(query) ? 900 : 0;
        }

        int nameScore(String foldedQuery, String[] tokens, int[][] wordScores) {
            int total = 0;
            for (int t = 0; t < tokens.length; t++) {
                int best = 0;
                for (int word : words) {
                    best = Math.max(best, wordScores[t][word]);
                }
                if (best == 0 && folded.contains(tokens[t])) {
                    best = 10;
                }
                if (best == 0 && number.startsWith(tokens[t])) {
                    best = 25; // "early 7503", or a label "Name - 7503" typed or pasted back
                }
                if (best == 0) {
                    return 0; // every word of the query must match
                }
                total += best;
            }
            return folded.startsWith(foldedQuery) ? total + 15 : total;
        }
    }
}
