package dev.lazaret.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runbook ({@code docs/runbook.md}, packaged in the jar) as an HTML page, so every alert's runbook link resolves
 * on the instance that raised it, with an anchor per alert kind ({@code /runbook#feature_drift}). Renders only the
 * Markdown the runbook uses: headings, paragraphs, bullet lists, code blocks and inline code.
 */
public final class RunbookPage {
    /** Class-path location of the packaged runbook. */
    public static final String RESOURCE = "/lazaret/runbook.md";

    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");

    private RunbookPage() {}

    /** The packaged runbook rendered as a complete HTML page. */
    public static String html() {
        try (InputStream in = RunbookPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return render("# Runbook\n\nThe runbook was not packaged with this build (docs/runbook.md).\n");
            }
            return render(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(String markdown) {
        StringBuilder html = new StringBuilder(
                "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Lazaret runbook</title></head><body>\n");
        StringBuilder paragraph = new StringBuilder();
        boolean inList = false;
        boolean inCode = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                flush(html, paragraph);
                inList = closeList(html, inList);
                html.append(inCode ? "</pre>\n" : "<pre>");
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                html.append(escape(line)).append('\n');
                continue;
            }
            int level = headingLevel(line);
            if (level > 0) {
                flush(html, paragraph);
                inList = closeList(html, inList);
                String title = line.substring(level).strip();
                html.append(String.format(
                        Locale.ROOT, "<h%d id=\"%s\">%s</h%d>\n", level, slug(title), inline(title), level));
            } else if (line.startsWith("- ") || line.startsWith("* ")) {
                flush(html, paragraph);
                if (!inList) {
                    html.append("<ul>\n");
                    inList = true;
                }
                html.append("<li>").append(inline(line.substring(2).strip())).append("</li>\n");
            } else if (line.isBlank()) {
                flush(html, paragraph);
                inList = closeList(html, inList);
            } else if (inList && line.startsWith("  ")) {
                html.append(inline(line.strip())).append('\n');
            } else {
                inList = closeList(html, inList);
                paragraph.append(line.strip()).append('\n');
            }
        }
        flush(html, paragraph);
        closeList(html, inList);
        if (inCode) {
            html.append("</pre>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** GitHub's anchor for a heading: lower case, spaces to hyphens, other punctuation dropped. */
    static String slug(String title) {
        return title.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9 _-]", "")
                .strip()
                .replace(' ', '-');
    }

    private static int headingLevel(String line) {
        int level = 0;
        while (level < line.length() && line.charAt(level) == '#') {
            level++;
        }
        return level > 0 && level <= 6 && line.length() > level && line.charAt(level) == ' ' ? level : 0;
    }

    private static void flush(StringBuilder html, StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            html.append("<p>").append(inline(paragraph.toString().strip())).append("</p>\n");
            paragraph.setLength(0);
        }
    }

    private static boolean closeList(StringBuilder html, boolean inList) {
        if (inList) {
            html.append("</ul>\n");
        }
        return false;
    }

    private static String inline(String text) {
        Matcher code = INLINE_CODE.matcher(escape(text));
        return code.replaceAll(match -> "<code>" + Matcher.quoteReplacement(match.group(1)) + "</code>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
