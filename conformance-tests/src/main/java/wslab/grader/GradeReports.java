package wslab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a grade's files go: {@code lesson-01.html}, {@code lesson-01.xml} and a small
 * {@code lesson-01.json} summary that {@code ./wslab lessons} reads back as the last grade.
 */
public final class GradeReports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public GradeReports(Path dir) {
        this.dir = dir;
    }

    public Path html(String lessonId) {
        return dir.resolve("lesson-" + lessonId + ".html");
    }

    public Path xml(String lessonId) {
        return dir.resolve("lesson-" + lessonId + ".xml");
    }

    public Path summary(String lessonId) {
        return dir.resolve("lesson-" + lessonId + ".json");
    }

    public void write(Scorecard card) throws IOException {
        String id = card.lesson().id();
        HtmlReport.write(card, html(id));
        JUnitXmlReport.write(card, xml(id));
        ObjectNode s = JSON.createObjectNode();
        s.put("lesson", id);
        s.put("target", card.target());
        s.put("earned", card.earned());
        s.put("possible", card.possible());
        s.put("percent", card.percent());
        s.put("passed", card.passed());
        s.put("seed", card.seed());
        s.put("started", card.started().toString());
        JSON.writerWithDefaultPrettyPrinter().writeValue(summary(id).toFile(), s);
    }

    /** The last grade of a lesson, in one line, if it was ever graded here. */
    public Optional<String> lastGrade(String lessonId) {
        Path file = summary(lessonId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode s = JSON.readTree(file.toFile());
            return Optional.of(String.format("%d%% %s (%s, %s)", s.path("percent").asInt(),
                    s.path("passed").asBoolean() ? "pass" : "fail", s.path("target").asText(),
                    s.path("started").asText().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z")));
        } catch (IOException e) {
            return Optional.of("unreadable: " + file);
        }
    }
}
