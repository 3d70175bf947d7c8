package dev.lazaret.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of README.md, CONTRIBUTING.md and docs/*.md resolves to a file (and heading) of the repository,
 * and every page under docs/ is reachable from the README: the docs are split by reader, so a moved section or a
 * renamed heading must not leave a dead link behind.
 */
class MarkdownLinksTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldResolveEveryRelativeLinkInsideTheRepository() throws Exception {
        MarkdownLinks links = new MarkdownLinks(ROOT);
        List<MarkdownLinks.Problem> problems = new ArrayList<>();
        List<Path> pages = pages();
        for (Path page : pages) {
            problems.addAll(links.check(page));
        }
        assertThat(pages)
                .extracting(p -> ROOT.relativize(p).toString())
                .contains(
                        "README.md",
                        "CONTRIBUTING.md",
                        "docs/contract.md",
                        "docs/quarantine.md",
                        "docs/drift-and-alerts.md",
                        "docs/observability.md",
                        "docs/operations.md",
                        "docs/configuration.md",
                        "docs/benchmarks.md",
                        "docs/runbook.md",
                        "docs/clients.md");
        assertThat(problems).as("broken or escaping links").isEmpty();
    }

    @Test
    void shouldLinkEveryDocsPageFromTheReadme() throws Exception {
        List<String> fromReadme = MarkdownLinks.targets(Files.readString(ROOT.resolve("README.md")));
        for (Path page : pages()) {
            if (page.getParent().equals(ROOT.resolve("docs"))) {
                assertThat(fromReadme)
                        .as("README links " + ROOT.relativize(page))
                        .anyMatch(t -> t.equals("docs/" + page.getFileName())
                                || t.startsWith("docs/" + page.getFileName() + "#"));
            }
        }
    }

    @Test
    void shouldReportMissingFilesMissingHeadingsAndLinksThatLeaveTheRepository(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/a.md"), "# A page\n\n## Signed batches: signature and keyring\n");
        Files.writeString(repo.resolve("README.md"), """
                # Title
                [ok](docs/a.md) [ok anchor](docs/a.md#signed-batches-signature-and-keyring) [self](#title)
                [web](https://example.org/x) `[in code](nowhere.md)`
                [missing](docs/b.md) [bad anchor](docs/a.md#nope) [escape](../shared/docs/product.md)
                [absolute](/etc/passwd)
                ```
                [in a fence](nowhere.md)
                ```
                """);

        List<MarkdownLinks.Problem> problems = new MarkdownLinks(repo).check(repo.resolve("README.md"));

        assertThat(problems)
                .extracting(MarkdownLinks.Problem::target)
                .containsExactly("docs/b.md", "docs/a.md#nope", "../shared/docs/product.md", "/etc/passwd");
    }

    @Test
    void shouldDeriveAnchorsAsGitHubDoes() {
        assertThat(MarkdownLinks.slug("Quarantine policy (`quarantine.policy.file`)"))
                .isEqualTo("quarantine-policy-quarantinepolicyfile");
        assertThat(MarkdownLinks.slug("Observability stack: Prometheus, alert rules, Alertmanager, Grafana"))
                .isEqualTo("observability-stack-prometheus-alert-rules-alertmanager-grafana");
        assertThat(MarkdownLinks.anchors("## Drift\n## Drift\n```\n# not a heading\n```\n"))
                .containsExactly("drift", "drift-1");
    }

    private static List<Path> pages() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }
}
