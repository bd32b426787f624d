package org.ctims.deploy;

import java.util.List;
import java.util.Map;

/** Walks parsed YAML without a cast at every step; a missing step yields null. */
final class Nodes {

    private Nodes() {
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step.matches("\\d+")) {
                int index = Integer.parseInt(step);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return (T) current;
    }

    static List<Map<String, Object>> list(Object node, String... path) {
        List<Map<String, Object>> found = at(node, path);
        return found == null ? List.of() : found;
    }
}
