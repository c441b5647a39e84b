package wslab.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds the lessons and their implementations on the class path. Each lesson module ships its
 * {@code lesson.properties} as the resource {@link #RESOURCE}, one per jar, so the class loader
 * returns all of them; each names the classes that publish its implementations. Nothing else
 * registers a lesson: adding one adds its folder and one module line.
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
        List<LabClientImplementation> clients = new ArrayList<>();
        for (Lesson lesson : lessons) {
            for (String name : lesson.implementations()) {
                Object o = instantiate(name, lesson, loader);
                if (o instanceof LabImplementation li) {
                    impls.add(li);
                } else if (o instanceof LabClientImplementation ci) {
                    clients.add(ci);
                } else if (o != null) {
                    throw new IllegalStateException("lesson " + lesson.id() + " lists " + name
                            + ", which is neither a LabImplementation nor a LabClientImplementation");
                }
            }
        }
        return new LessonCatalog(List.copyOf(lessons), List.copyOf(impls), List.copyOf(clients));
    }

    /** A listed class that is not on this class path (its module is not part of this program) is left out. */
    private static Object instantiate(String name, Lesson lesson, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return null;
        }
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("lesson " + lesson.id() + " lists " + name
                    + ", which needs a public no-argument constructor: " + e, e);
        }
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
                Lesson.Kind.valueOf(p.getProperty("grades", "server").trim().toUpperCase(Locale.ROOT)),
                list(p.getProperty("implementations", "")), p.getProperty("page", "").trim(),
                list(p.getProperty("needs", "")), jobs(p, url), p.getProperty("scheme", "ws").trim());
    }

    private static int jobs(Properties p, URL url) {
        String v = p.getProperty("jobs", "1").trim();
        try {
            int jobs = Integer.parseInt(v);
            if (jobs >= 1 && jobs <= 64) {
                return jobs;
            }
        } catch (NumberFormatException e) {
            // Said below, with the value.
        }
        throw new IllegalStateException(url + ": 'jobs' is a whole number from 1 to 64, not '" + v + "'");
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
