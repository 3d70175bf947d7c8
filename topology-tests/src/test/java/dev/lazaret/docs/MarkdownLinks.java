package dev.lazaret.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the relative links of Markdown files that do not resolve inside a repository: a missing file, a heading that
 * does not exist (anchors as GitHub derives them from headings), or a path that leaves the repository root.
 * Absolute URLs (a scheme such as {@code https:}) are out of scope; absolute paths are refused, since a reader's
 * checkout lives anywhere.
 */
final class MarkdownLinks {
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern INLINE_LINK =
            Pattern.compile("\\[([^\\]]*)]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+]:\\s*<?([^\\s>]+)>?");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Path root;
    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** One link that does not resolve, named by the file it is in and its target as written. */
    record Problem(Path file, String target, String why) {
        @Override
        public String toString() {
            return file + ": (" + target + ") " + why;
        }
    }

    List<Problem> check(Path file) {
        Path source = file.toAbsolutePath().normalize();
        List<Problem> problems = new ArrayList<>();
        for (String target : targets(read(source))) {
            String why = whyBroken(source, target);
            if (why != null) {
                problems.add(new Problem(root.relativize(source), target, why));
            }
        }
        return problems;
    }

    /** Link targets of the text outside code blocks and code spans, in order of appearance. */
    static List<String> targets(String markdown) {
        String prose = CODE_SPAN.matcher(withoutFencedBlocks(markdown)).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher inline = INLINE_LINK.matcher(prose);
        while (inline.find()) {
            targets.add(inline.group(2));
        }
        Matcher definition = REFERENCE_DEFINITION.matcher(prose);
        while (definition.find()) {
            targets.add(definition.group(1));
        }
        return targets;
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String slug(String headingText) {
        String text = headingText.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
        return text.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
                .replace(' ', '-');
    }

    /** Anchors of every heading, with GitHub's -1, -2 ... suffixes for repeated headings. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : withoutFencedBlocks(markdown).split("\n", -1)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    private String whyBroken(Path source, String target) {
        if (SCHEME.matcher(target).find()) {
            return target.regionMatches(true, 0, "file:", 0, 5) ? "file: links leave the repository" : null;
        }
        if (target.startsWith("/")) {
            return "absolute path; link relative to the file instead";
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = pathPart.isEmpty()
                ? source
                : source.getParent().resolve(pathPart).normalize();
        if (!resolved.startsWith(root)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file " + root.relativize(resolved);
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")) {
            Set<String> anchors = anchorsByFile.computeIfAbsent(resolved, p -> anchors(read(p)));
            if (!anchors.contains(anchor)) {
                return "no heading with anchor #" + anchor + " in " + root.relativize(resolved);
            }
        }
        return null;
    }

    /** Fenced code blocks blanked line for line, so a shell comment or a link in an example is not read as Markdown. */
    private static String withoutFencedBlocks(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                out.append('\n');
                continue;
            }
            out.append(inFence ? "" : line).append('\n');
        }
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
