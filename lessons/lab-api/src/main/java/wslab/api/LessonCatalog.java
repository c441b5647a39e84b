package wslab.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Finds the lessons and their implementations on the class path. Each lesson module ships its
 * {@code lesson.properties} as the resource {@link #RESOURCE}; one per jar, so the class loader
 * returns all of them.
 */
public final class LessonCatalog {

    public static final String RESOURCE = "META-INF/wslab/lesson.properties";

    private final List<Lesson> lessons;
    private final List<LabImplementation> implementations;
    private final List<LabClientImplementation> clients;

    private LessonCatalog(List<Lesson> lessons, List<LabImplementation> implementations,
                          List<LabClientImplementation> clients) {
        this.lessons = lessons;
        this.implementations = implementations;
        this.clients = clients;
    }

    public static LessonCatalog load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    public static LessonCatalog load(ClassLoader loader) {
        List<Lesson> lessons = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(RESOURCE))) {
                lessons.add(parse(url));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lessons.sort(Comparator.comparing(Lesson::id));
        List<LabImplementation> impls = new ArrayList<>();
        ServiceLoader.load(LabImplementation.class, loader).forEach(impls::add);
        List<LabClientImplementation> clients = new ArrayList<>();
        ServiceLoader.load(LabClientImplementation.class, loader).forEach(clients::add);
        return new LessonCatalog(List.copyOf(lessons), List.copyOf(impls), List.copyOf(clients));
    }

    static Lesson parse(URL url) throws IOException {
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(in);
        }
        return new Lesson(
                required(p, "id", url), required(p, "slug", url), required(p, "title", url),
                list(p.getProperty("paths", "")),
                Integer.parseInt(p.getProperty("pass-mark", "100").trim()),
                list(p.getProperty("checks", "")), list(p.getProperty("aliases", "")),
                Lesson.Kind.valueOf(p.getProperty("grades", "server").trim().toUpperCase(java.util.Locale.ROOT)));
    }

    private static String required(Properties p, String key, URL url) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(url + " has no '" + key + "'");
        }
        return v.trim();
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public List<Lesson> lessons() {
        return lessons;
    }

    public Optional<Lesson> lesson(String id) {
        return lessons.stream()
                .filter(l -> l.id().equals(id) || l.folder().equals(id) || l.aliases().contains(id))
                .findFirst();
    }

    public List<LabImplementation> implementations(String lessonId) {
        return implementations.stream().filter(i -> i.lesson().equals(lessonId)).toList();
    }

    public Optional<LabImplementation> implementation(String lessonId, String name) {
        return implementations(lessonId).stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public List<LabClientImplementation> clientImplementations(String lessonId) {
        return clients.stream().filter(i -> i.lesson().equals(lessonId)).toList();
    }

    public Optional<LabClientImplementation> clientImplementation(String lessonId, String name) {
        return clientImplementations(lessonId).stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
