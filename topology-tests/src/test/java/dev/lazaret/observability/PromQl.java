package dev.lazaret.observability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL to find the vector selectors of an expression (metric name plus label matchers) and to replace
 * Grafana's template variables with concrete values. Not a parser: it skips strings, ranges, numbers, function
 * calls, keywords and grouping label lists, and takes what is left as selectors.
 */
final class PromQl {
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS =
            Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "atan2", "start", "end");
    /** Aggregation operators may put their by/without clause before the parenthesis: sum by (x) (...). */
    private static final Set<String> AGGREGATIONS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile",
            "limitk",
            "limit_ratio");

    private static final Pattern NUMBER =
            Pattern.compile("\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?(?:ms|[smhdwy])*(?:\\d+(?:ms|[smhdwy]))*");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\((.*),\\s*([a-zA-Z_]\\w*)\\s*\\)\\s*$");

    private PromQl() {}

    /** Every vector selector in the expression, as written ({@code name{matchers}} or {@code name}). */
    static List<String> selectors(String expr) {
        List<String> out = new ArrayList<>();
        int n = expr.length();
        int i = 0;
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '{') {
                i = skipBraces(expr, i);
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1;
            } else if (Character.isDigit(c)) {
                Matcher m = NUMBER.matcher(expr).region(i, n);
                i = m.lookingAt() ? m.end() : i + 1;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int j = i;
                while (j < n
                        && (Character.isLetterOrDigit(expr.charAt(j))
                                || expr.charAt(j) == '_'
                                || expr.charAt(j) == ':')) {
                    j++;
                }
                String ident = expr.substring(i, j);
                int k = skipSpaces(expr, j);
                boolean call = k < n && expr.charAt(k) == '(';
                if (GROUPING.contains(ident)) {
                    i = call ? expr.indexOf(')', k) + 1 : k;
                } else if (call
                        || AGGREGATIONS.contains(ident)
                        || KEYWORDS.contains(ident.toLowerCase(java.util.Locale.ROOT))) {
                    i = k;
                } else if (k < n && expr.charAt(k) == '{') {
                    int end = skipBraces(expr, k);
                    out.add(ident + expr.substring(k, end));
                    i = end;
                } else {
                    out.add(ident);
                    i = k;
                }
            } else {
                i++;
            }
        }
        return out;
    }

    /** The metric names the expression reads. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        for (String selector : selectors(expr)) {
            int brace = selector.indexOf('{');
            names.add(brace < 0 ? selector : selector.substring(0, brace));
        }
        return names;
    }

    /**
     * A Grafana variable query {@code label_values(selector, label)} as {selector, label}, or null for another
     * form.
     */
    static String[] labelValues(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        return m.matches() ? new String[] {m.group(1).trim(), m.group(2)} : null;
    }

    /**
     * Replaces Grafana's built-in interval variables and the dashboard's own variables (as regex-escaped concrete
     * values) in an expression.
     */
    static String substitute(String expr, Map<String, String> builtins, Map<String, String> variables) {
        String out = expr;
        for (Map.Entry<String, String> e : sortedLongestFirst(builtins)) {
            out = out.replace("${" + e.getKey() + "}", e.getValue()).replace("$" + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : sortedLongestFirst(variables)) {
            String value = regexEscape(e.getValue());
            out = out.replace("${" + e.getKey() + "}", value).replace("$" + e.getKey(), value);
        }
        if (out.contains("$")) {
            throw new IllegalArgumentException("unresolved variable in: " + out);
        }
        return out;
    }

    private static List<Map.Entry<String, String>> sortedLongestFirst(Map<String, String> map) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(map.entrySet());
        entries.sort(Comparator.comparingInt(
                        (Map.Entry<String, String> e) -> e.getKey().length())
                .reversed());
        return entries;
    }

    /** Escapes regex metacharacters, doubling backslashes for the PromQL string literal. */
    static String regexEscape(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (".+*?()[]{}|^$\\".indexOf(c) >= 0) {
                sb.append("\\\\");
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static int skipString(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipBraces(String s, int start) {
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != '}') {
            char c = s.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? skipString(s, i) : i + 1;
        }
        return i + 1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
