package dev.lazaret.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazaret.core.alerts.AlertKind;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RunbookPageTest {

    @Test
    void shouldPackageTheRunbookWithAnAnchorForEveryAlertKind() {
        String html = RunbookPage.html();

        for (AlertKind kind : AlertKind.values()) {
            assertThat(html).contains("id=\"" + kind.name().toLowerCase(Locale.ROOT) + "\"");
        }
    }

    @Test
    void shouldRenderHeadingsListsCodeAndEscapeHtml() {
        String html = RunbookPage.render(
                "# Title\n\n## feature_drift\nText with `code` & <b>.\n\n- one\n- two\n\n" + "```\nkcat -C\n```\n");

        assertThat(html)
                .contains("<h1 id=\"title\">Title</h1>")
                .contains("<h2 id=\"feature_drift\">feature_drift</h2>")
                .contains("<p>Text with <code>code</code> &amp; &lt;b&gt;.</p>")
                .contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>")
                .contains("<pre>kcat -C\n</pre>");
    }

    @Test
    void shouldSlugHeadingsLikeGithub() {
        assertThat(RunbookPage.slug("Monitor down (LazaretDown)")).isEqualTo("monitor-down-lazaretdown");
    }
}
