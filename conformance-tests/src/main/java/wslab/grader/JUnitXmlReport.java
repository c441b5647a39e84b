package wslab.grader;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import wslab.wire.Printable;

/**
 * Writes a scorecard as JUnit XML, the format CI test reporters read: one {@code <testcase>} per
 * check, named by id and title; a FAILED check is a {@code <failure>} with expected and actual.
 * Every string is made {@link Printable} first, so strict parsers accept the file whatever the
 * graded server sent.
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
            attribute(x, "name", "wslab lesson " + card.lesson().folder());
            attribute(x, "tests", Integer.toString(card.results().size()));
            attribute(x, "failures", Long.toString(card.count(Verdict.FAILED)));
            attribute(x, "errors", "0");
            attribute(x, "skipped", "0");
            attribute(x, "time", seconds(card.millis()));
            attribute(x, "timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(card.started().atOffset(ZoneOffset.UTC)));
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
                attribute(x, "classname", "wslab.lesson" + card.lesson().id());
                attribute(x, "name", r.id() + " " + r.title());
                attribute(x, "time", seconds(r.millis()));
                if (r.verdict() == Verdict.FAILED) {
                    x.writeStartElement("failure");
                    attribute(x, "message", "expected " + r.expected() + ", but " + r.actual());
                    attribute(x, "type", r.spec());
                    text(x, r.transcript());
                    x.writeEndElement();
                } else if (r.verdict() != Verdict.OK) {
                    x.writeStartElement("system-out");
                    text(x, r.verdict().label() + ": " + r.actual());
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
        attribute(x, "name", name);
        attribute(x, "value", value);
    }

    /*
     * The stream writer escapes markup but passes other characters through, including ones XML 1.0
     * forbids; a server's bytes reach these strings, so each goes through Printable first.
     */

    private static void attribute(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeAttribute(name, Printable.escape(value));
    }

    private static void text(XMLStreamWriter x, String value) throws XMLStreamException {
        x.writeCharacters(Printable.escape(value));
    }

    private static String seconds(long millis) {
        // JUnit XML readers expect a decimal point, whatever the machine's locale.
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
