package wslab.grader;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a scorecard as JUnit XML, the format CI test reporters read: one {@code <testcase>} per
 * check, named by id and title; a FAILED check is a {@code <failure>} with expected and actual.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static void write(Scorecard card, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "wslab lesson " + card.lesson().folder());
            x.writeAttribute("tests", Integer.toString(card.results().size()));
            x.writeAttribute("failures", Long.toString(card.count(Verdict.FAILED)));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", seconds(card.millis()));
            x.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(card.started().atOffset(ZoneOffset.UTC)));
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            property(x, "target", card.target());
            property(x, "seed", Long.toString(card.seed()));
            property(x, "strict", Boolean.toString(card.strict()));
            property(x, "score", card.earned() + "/" + card.possible());
            x.writeEndElement();
            for (CheckResult r : card.results()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", "wslab.lesson" + card.lesson().id());
                x.writeAttribute("name", r.id() + " " + r.title());
                x.writeAttribute("time", seconds(r.millis()));
                if (r.verdict() == Verdict.FAILED) {
                    x.writeStartElement("failure");
                    x.writeAttribute("message", "expected " + r.expected() + ", but " + r.actual());
                    x.writeAttribute("type", r.spec());
                    x.writeCharacters(r.transcript());
                    x.writeEndElement();
                } else if (r.verdict() != Verdict.OK) {
                    x.writeStartElement("system-out");
                    x.writeCharacters(r.verdict().label() + ": " + r.actual());
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value);
    }

    private static String seconds(long millis) {
        return String.format("%.3f", millis / 1000.0);
    }
}
