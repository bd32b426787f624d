package org.ctims.certification.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ctims.certification.catalog.CareerCluster;
import org.ctims.certification.catalog.Text;

/**
 * Reads a "career cluster" cell against a year's clusters. A cell may name several clusters,
 * separated by {@code ;}, {@code |}, line breaks or commas, each as a code ({@code ED}), a name
 * ({@code Education & Training}) or both ({@code Education & Training - ED}, where the code
 * decides). Names contain commas themselves ("Law, Public Safety, Corrections & Security"), so
 * comma-separated parts are joined back greedily to the longest known name.
 */
final class ClusterResolver {

    private final Map<String, String> codes = new HashMap<>();
    private final String source;

    /** @param source where the clusters come from, for messages: "this school year", "the sheet 'Clusters'" */
    ClusterResolver(List<CareerCluster> clusters, String source) {
        this.source = source;
        for (CareerCluster cluster : clusters) {
            codes.put(cluster.code().toUpperCase(Locale.ROOT), cluster.code());
            codes.putIfAbsent("name:" + Text.fold(cluster.name()), cluster.code());
        }
    }

    /** The codes the cell names, in order and without repeats, and what it names that is unknown. */
    Resolution resolve(String cell) {
        Set<String> found = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String piece : cell.split("[;|\\n\\r]+")) {
            String[] parts = piece.split(",");
            int i = 0;
            while (i < parts.length) {
                if (parts[i].isBlank()) {
                    i++;
                    continue;
                }
                int matchedTo = -1;
                String code = null;
                StringBuilder joined = new StringBuilder();
                for (int j = i; j < parts.length; j++) {
                    joined.append(j == i ? "" : ",").append(parts[j]);
                    String candidate = one(joined.toString());
                    if (candidate != null) {
                        matchedTo = j;
                        code = candidate;
                    }
                }
                if (code == null) {
                    unknown.add(parts[i].strip());
                    i++;
                }
                else {
                    found.add(code);
                    i = matchedTo + 1;
                }
            }
        }
        return new Resolution(List.copyOf(found), List.copyOf(unknown));
    }

    private String one(String text) {
        String value = text.strip();
        String code = codes.get(value.toUpperCase(Locale.ROOT));
        if (code != null) {
            return code;
        }
        int dash = value.lastIndexOf(" - ");
        if (dash > 0) {
            code = codes.get(value.substring(dash + 3).strip().toUpperCase(Locale.ROOT));
            if (code != null) {
                return code;
            }
        }
        return codes.get("name:" + Text.fold(value));
    }

    String source() {
        return source;
    }

    record Resolution(List<String> codes, List<String> unknown) {
    }
}
