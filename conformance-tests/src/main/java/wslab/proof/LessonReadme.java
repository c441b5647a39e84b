package wslab.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import wslab.api.Lesson;
import wslab.grader.CheckInfo;
import wslab.grader.Grader;

/**
 * A lesson's README held against the code, so that the text cannot drift away from the checks:
 * its check table lists the lesson's checks with their points (and specs, when it has a Spec
 * column), or, for a suite of section-numbered cases, its case table gives each section's number
 * of cases; the scorecard lines it quotes carry the checks' real titles and specs, the Java types
 * and files it names exist, and the reference's size it states is the size the code has. Every
 * lesson's proof runs these as one case ({@link LessonProof#cases()}).
 *
 * <p>The README is the one in the working directory: a lesson's proof runs in the lesson's module.
 */
public final class LessonReadme {

    /** Names that look like Java types but belong to the web platform: a lesson may speak of them. */
    private static final Set<String> WEB_PLATFORM = Set.of("WebSocket", "XMLHttpRequest", "InvalidStateError", "NaN",
            "CloseEvent", "MessageEvent");
    /** Where a JDK type a README names may live: every package a module of the JDK exports to all. */
    private static final List<Map.Entry<Module, String>> JDK_PACKAGES = ModuleLayer.boot().modules().stream()
            .flatMap(m -> m.getPackages().stream().filter(m::isExported).map(p -> Map.entry(m, p)))
            .sorted(Map.Entry.comparingByValue()).toList();
    private static final String CHECK_TABLE = "| Check | Points |";
    private static final String CASE_TABLE = "| Section | Cases |";
    /** A case of a suite: {@code rfc6455/5.5.2/1} is case 1 of section 5.5.2. */
    private static final Pattern SECTION_NUMBERED = Pattern.compile("([\\w-]+/[\\d.]+)/\\d+");
    private static final Pattern DECLARED_TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");
    /** A type, possibly nested ({@code Outer$Inner}), then members or nested types and a call: {@code ClientContract.backoffCeiling(n)}. */
    private static final Pattern TYPE_TOKEN = Pattern.compile("([A-Z][A-Za-z0-9]*(?:\\$[A-Z][A-Za-z0-9]*)*)((?:\\.[A-Za-z_]\\w*)*)(\\(.*\\))?");
    /** Two humps at least, {@code ReconnectingClient}: a single word ({@code Upgrade}, {@code Host}) is more often a header. */
    private static final Pattern CAMEL_CASE = Pattern.compile("[A-Z][a-z0-9]+[A-Z]\\w*");
    private static final Pattern FILE_NAME = Pattern.compile("[\\w.-]+\\.(?:java|js|html|py|properties|md)");
    private static final Pattern SCORECARD_LINE = Pattern.compile("^\\s*(?:\\[\\s*\\d+/\\d+]\\s+)?[✔✘]\\s+(\\S+)\\s+(.*?)\\s*$");
    private static final Pattern VERDICT_AT_END = Pattern.compile("\\s+(?:FAILED|NON-STRICT|INFORMATIONAL)$");
    private static final Pattern REFERENCE_SIZE = Pattern.compile(
            "about (\\d[\\d,]*) lines(?: of Java)? without comments and blank lines[^(]*\\(`reference-server/\\.\\.\\./([\\w-]+)/`:([^)]*)\\)");

    private final Lesson lesson;
    private final Path root;
    private final String text;
    private final List<String> problems = new ArrayList<>();
    private Map<String, List<Path>> typesInRepository;

    private LessonReadme(Lesson lesson, Path root, String text) {
        this.lesson = lesson;
        this.root = root;
        this.text = text;
    }

    /** The README of the lesson whose module is the working directory. */
    public static LessonReadme of(Lesson lesson) throws IOException {
        return new LessonReadme(lesson, repositoryRoot(), Files.readString(Path.of("README.md")));
    }

    /** {@code text} as the README of {@code lesson} in the repository at {@code root}: for the helper's own tests. */
    static LessonReadme of(Lesson lesson, Path root, String text) {
        return new LessonReadme(lesson, root, text);
    }

    /** The repository's top folder: the first one up from the working directory with {@code mvnw} and {@code lessons/pom.xml}. */
    public static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.exists(p.resolve("lessons/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no wslab repository above " + Path.of("").toAbsolutePath());
    }

    /** Lines of code as the READMEs count them: neither blank nor a comment line ({@code //}, {@code /*}, {@code *}). */
    public static long codeLines(String source) {
        return source.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("/*") && !l.startsWith("*")).count();
    }

    public static long codeLines(Path file) {
        try {
            return codeLines(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a stated "about N" fits a measured size: within 5 %, or 5 lines for a small one. */
    public static boolean about(long stated, long measured) {
        return Math.abs(stated - measured) <= Math.max(5, stated / 20);
    }

    /** Every rule below at once; the failure lists every problem found, not only the first. */
    public void requireMatchesTheCode() {
        checkTable();
        scorecardLines(text, "README.md");
        scorecardLines(read(root.resolve("README.md")), "the root README.md");
        namedTypesAndFiles();
        referenceSize();
        throwIfAnyProblem();
    }

    /** The table whose header begins {@code header} names every check of the lesson, once. */
    public void requireEveryCheckIn(String header) {
        List<List<String>> rows = table(header);
        if (rows == null) {
            throw new AssertionError("README.md has no table whose header begins '" + header + "'");
        }
        List<String> ids = ids();
        List<String> listed = rows.stream().map(r -> r.get(0)).filter(ids::contains).toList();
        Set<String> twice = listed.stream().filter(id -> listed.indexOf(id) != listed.lastIndexOf(id)).collect(Collectors.toSet());
        List<String> missing = ids.stream().filter(id -> !listed.contains(id)).toList();
        if (!missing.isEmpty() || !twice.isEmpty()) {
            throw new AssertionError("README.md's table '" + header + "' should name every check of lesson " + lesson.id()
                    + " once" + (missing.isEmpty() ? "" : "; missing: " + missing) + (twice.isEmpty() ? "" : "; twice: " + twice));
        }
    }

    private void checkTable() {
        if (isASuite()) {
            caseTable();
            return;
        }
        List<List<String>> rows = table(CHECK_TABLE);
        if (rows == null) {
            problems.add("no check table (a table whose header begins '" + CHECK_TABLE + "')");
            return;
        }
        List<String> header = rows.get(0);
        int spec = header.indexOf("Spec");
        List<CheckInfo> checks = Grader.checksOf(lesson);
        List<String> listed = rows.stream().skip(1).map(r -> r.get(0)).toList();
        if (!listed.equals(ids())) {
            problems.add("the check table lists " + listed + ", the lesson declares " + ids());
            return;
        }
        for (int i = 0; i < checks.size(); i++) {
            CheckInfo c = checks.get(i);
            List<String> row = rows.get(i + 1);
            // Markdown lets a row end early (the missing cells are empty), but not before a cell this rule reads.
            if (row.size() < Math.max(2, spec + 1)) {
                problems.add("the check table's row for " + c.id() + " ends after " + row.size() + " of the header's "
                        + header.size() + " cells");
                continue;
            }
            if (!row.get(1).equals(String.valueOf(c.points()))) {
                problems.add(c.id() + " is worth " + c.points() + " points, the check table says " + row.get(1));
            }
            if (spec >= 0 && !row.get(spec).equals(c.spec())) {
                problems.add(c.id() + "'s Spec cell is '" + row.get(spec) + "', the check declares '" + c.spec() + "'");
            }
        }
    }

    /** Whether every check is a section-numbered case of a suite ({@code rfc6455/5.2/17}), as in lessons 02 and 02c. */
    private boolean isASuite() {
        List<String> ids = ids();
        return !ids.isEmpty() && ids.stream().allMatch(id -> SECTION_NUMBERED.matcher(id).matches());
    }

    /**
     * A suite has hundreds of cases, so its README counts them by section: each row names one
     * section or several ({@code rfc6455/5.5, 5.5.2, 5.5.3}) and how many cases they hold together.
     */
    private void caseTable() {
        List<List<String>> rows = table(CASE_TABLE);
        if (rows == null) {
            problems.add("no case table (a table whose header begins '" + CASE_TABLE + "'): lesson " + lesson.id()
                    + "'s checks are section-numbered cases, counted by section");
            return;
        }
        Map<String, Long> cases = ids().stream().map(LessonReadme::sectionOf)
                .collect(Collectors.groupingBy(s -> s, LinkedHashMap::new, Collectors.counting()));
        int count = rows.get(0).indexOf("Cases");
        Set<String> named = new LinkedHashSet<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            List<String> sections = sectionsIn(row.get(0));
            long inThem = 0;
            for (String s : sections) {
                if (!named.add(s)) {
                    problems.add("the case table names section " + s + " twice");
                }
                if (!cases.containsKey(s)) {
                    problems.add("the case table names section " + s + ", which has no case");
                }
                inThem += cases.getOrDefault(s, 0L);
            }
            String stated = row.size() > count ? row.get(count) : "";
            if (!stated.equals(String.valueOf(inThem))) {
                problems.add((sections.size() == 1 ? sections.get(0) + " has " : String.join(", ", sections) + " have ")
                        + inThem + " cases, the case table says '" + stated + "'");
            }
        }
        cases.forEach((s, n) -> {
            if (!named.contains(s)) {
                problems.add("the case table does not name section " + s + " (" + n + " cases)");
            }
        });
    }

    private static String sectionOf(String id) {
        Matcher m = SECTION_NUMBERED.matcher(id);
        return m.matches() ? m.group(1) : id;
    }

    /** {@code rfc6455/5.5, 5.5.2, 5.5.3}: the later sections take the suite's name from the first. */
    private static List<String> sectionsIn(String cell) {
        List<String> sections = new ArrayList<>();
        String suite = "";
        for (String part : cell.split(",")) {
            String s = part.strip();
            if (s.contains("/")) {
                suite = s.substring(0, s.indexOf('/') + 1);
                sections.add(s);
            } else {
                sections.add(suite + s);
            }
        }
        return sections;
    }

    /** Scorecard lines quoted in {@code markdown} ("✘ 04.18 A clean close ...") carry the real title and spec. */
    private void scorecardLines(String markdown, String where) {
        Map<String, CheckInfo> checks = Grader.checksOf(lesson).stream()
                .collect(Collectors.toMap(CheckInfo::id, c -> c, (a, b) -> a));
        for (String line : (Iterable<String>) markdown.lines()::iterator) {
            Matcher m = SCORECARD_LINE.matcher(line);
            if (!m.matches() || !checks.containsKey(m.group(1))) {
                continue;
            }
            CheckInfo c = checks.get(m.group(1));
            String rest = VERDICT_AT_END.matcher(m.group(2)).replaceFirst("");
            if (!quotes(rest, c)) {
                problems.add(where + " quotes " + c.id() + " as '" + rest + "'; the scorecard prints '" + c.title()
                        + "  (" + c.spec() + ")'");
            }
        }
    }

    private static boolean quotes(String rest, CheckInfo c) {
        String withSpec = c.title() + "  (" + c.spec() + ")";
        if (rest.equals(c.title()) || rest.equals(withSpec)) {
            return true;
        }
        int cut = rest.indexOf("...");
        if (cut < 0) {
            return false;
        }
        String before = rest.substring(0, cut).strip();
        String after = rest.substring(cut + 3).strip();
        return c.title().startsWith(before) && (after.isEmpty() || after.equals("(" + c.spec() + ")"));
    }

    /** Java types, file names and repository paths the README names in backticks exist. */
    private void namedTypesAndFiles() {
        for (String token : inlineCode(text)) {
            Matcher type = TYPE_TOKEN.matcher(token);
            if (FILE_NAME.matcher(token).matches()) {
                if (filesNamed(token).isEmpty()) {
                    problems.add("README.md names the file `" + token + "`, which is nowhere in the repository");
                }
            } else if (type.matches()) {
                requireType(token, type);
            } else if (token.contains("/") && !token.contains(" ")) {
                requirePath(token);
            }
        }
    }

    private void requireType(String token, Matcher type) {
        String[] nested = type.group(1).split("\\$");
        List<String> chain = new ArrayList<>(List.of(nested));
        for (String member : type.group(2).split("\\.")) {
            if (CAMEL_CASE.matcher(member).matches() || member.matches("[A-Z][a-z]\\w*")) {
                chain.add(member);
            } else if (!member.isEmpty()) {
                break;
            }
        }
        String outer = chain.get(0);
        if (!CAMEL_CASE.matcher(outer).matches() || WEB_PLATFORM.contains(outer)) {
            return;
        }
        List<Path> files = types().getOrDefault(outer, List.of());
        if (!files.isEmpty()) {
            for (String inner : chain.subList(1, chain.size())) {
                boolean declared = files.stream().anyMatch(f -> declares(f, inner));
                if (!declared) {
                    problems.add("README.md names `" + token + "`, but " + outer + " declares no " + inner);
                }
            }
            return;
        }
        List<Class<?>> jdk = jdkTypes(outer);
        if (jdk.isEmpty()) {
            problems.add("README.md names `" + token + "`: no type " + outer + " in the repository or the JDK");
            return;
        }
        // Two packages may have a type of one name (java.util.List, java.awt.List): either may be meant.
        List<String> nestedChain = chain.subList(1, chain.size());
        if (jdk.stream().noneMatch(t -> hasNested(t, nestedChain))) {
            problems.add("README.md names `" + token + "`, but the JDK's " + outer + " has no nested "
                    + String.join(".", nestedChain));
        }
    }

    private static boolean hasNested(Class<?> outer, List<String> chain) {
        String name = outer.getName();
        for (String inner : chain) {
            name += "$" + inner;
            if (Class.forName(outer.getModule(), name) == null) {
                return false;
            }
        }
        return true;
    }

    private void requirePath(String token) {
        List<String> segments = List.of(token.split("/"));
        // Only paths inside the repository: not a URL, an endpoint (/feed), a lone slash, a base64 key or a placeholder.
        if (token.matches(".*[<>*{}:=+].*") || token.contains("NN") || segments.contains("target")
                || segments.isEmpty() || segments.get(0).isEmpty() || !Files.isDirectory(root.resolve(segments.get(0)))) {
            return;
        }
        int elided = token.indexOf("/.../");
        if (elided < 0) {
            if (!Files.exists(root.resolve(token))) {
                problems.add("README.md names the path `" + token + "`, which does not exist");
            }
            return;
        }
        Path under = root.resolve(token.substring(0, elided));
        String tail = token.substring(elided + 4);
        boolean directory = tail.endsWith("/");
        String suffix = directory ? tail.substring(0, tail.length() - 1) : tail;
        try (Stream<Path> all = walk(under)) {
            boolean found = all.anyMatch(p -> ("/" + root.relativize(p).toString().replace('\\', '/')).endsWith(suffix)
                    && (!directory || Files.isDirectory(p)));
            if (!found) {
                problems.add("README.md names the path `" + token + "`: nothing under " + root.relativize(under) + " ends in " + tail);
            }
        }
    }

    /** "about N lines ... (`reference-server/.../pkg/`: `A`, `B`)": the named classes have about N code lines, as the root table says. */
    private void referenceSize() {
        Matcher m = REFERENCE_SIZE.matcher(text.replaceAll("\\s+", " "));
        if (!m.find()) {
            problems.add("README.md states no reference size as 'about N lines ... without comments and blank lines"
                    + " (`reference-server/.../<package>/`: `Class`, ...)'");
            return;
        }
        long stated = Long.parseLong(m.group(1).replace(",", ""));
        Path pkg = root.resolve("reference-server/src/main/java/wslab/reference").resolve(m.group(2));
        List<String> names = inlineCode(m.group(3));
        List<Path> files = names.stream().map(n -> pkg.resolve(n + ".java")).filter(Files::exists).toList();
        for (String n : names) {
            if (!Files.exists(pkg.resolve(n + ".java")) && files.stream().noneMatch(f -> declares(f, n))) {
                problems.add("the reference size names `" + n + "`, which is neither a class of " + root.relativize(pkg)
                        + " nor declared in one");
            }
        }
        long measured = files.stream().mapToLong(LessonReadme::codeLines).sum();
        if (!about(stated, measured)) {
            problems.add("README.md says the reference is about " + stated + " lines; " + files.stream()
                    .map(f -> f.getFileName().toString()).toList() + " have " + measured);
        }
        Pattern row = Pattern.compile("^\\| " + Pattern.quote(lesson.id()) + " \\| \\[[^]]*]\\(lessons/"
                + Pattern.quote(lesson.folder()) + "/README\\.md\\) \\|.*\\| ~(\\d[\\d,]*) lines[^|]*\\|$", Pattern.MULTILINE);
        Matcher r = row.matcher(read(root.resolve("README.md")));
        if (!r.find()) {
            problems.add("the root README's lesson table has no row for " + lesson.id() + " ending in '~N lines'");
        } else if (Long.parseLong(r.group(1).replace(",", "")) != stated) {
            problems.add("the root README's lesson table says ~" + r.group(1) + " lines for lesson " + lesson.id()
                    + ", its README says about " + stated);
        }
    }

    /** The rows of the first table whose header line begins {@code header}, the header first; null if none. */
    private List<List<String>> table(String header) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(header)) {
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(cells(lines.get(i)));
            for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                rows.add(cells(lines.get(j)));
            }
            return rows;
        }
        return null;
    }

    /** A table row's cells, trimmed; a {@code \|} inside a cell is a bar, not a border. */
    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String c : inner.split("(?<!\\\\)\\|", -1)) {
            cells.add(c.strip().replace("\\|", "|"));
        }
        return cells;
    }

    private List<String> ids() {
        return Grader.checksOf(lesson).stream().map(CheckInfo::id).toList();
    }

    /** The contents of every inline code span outside fenced blocks, in order. */
    private static List<String> inlineCode(String markdown) {
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        for (String line : (Iterable<String>) markdown.lines()::iterator) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                prose.append(line).append('\n');
            }
        }
        List<String> spans = new ArrayList<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(prose);
        while (m.find()) {
            spans.add(m.group(1).replace('\n', ' ').strip());
        }
        return spans;
    }

    private Map<String, List<Path>> types() {
        if (typesInRepository == null) {
            Map<String, List<Path>> types = new HashMap<>();
            try (Stream<Path> all = walk(root)) {
                all.filter(p -> p.toString().endsWith(".java")).forEach(f -> {
                    Set<String> names = new LinkedHashSet<>();
                    names.add(f.getFileName().toString().replace(".java", ""));
                    Matcher m = DECLARED_TYPE.matcher(read(f));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                    names.forEach(n -> types.computeIfAbsent(n, k -> new ArrayList<>()).add(f));
                });
            }
            typesInRepository = types;
        }
        return typesInRepository;
    }

    private List<Path> filesNamed(String name) {
        try (Stream<Path> all = walk(root)) {
            return all.filter(p -> p.getFileName().toString().equals(name)).toList();
        }
    }

    private static boolean declares(Path file, String type) {
        Matcher m = DECLARED_TYPE.matcher(read(file));
        while (m.find()) {
            if (m.group(1).equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** The public top-level types of that simple name in the packages the JDK exports. */
    private static List<Class<?>> jdkTypes(String simpleName) {
        List<Class<?>> found = new ArrayList<>();
        for (Map.Entry<Module, String> pkg : JDK_PACKAGES) {
            Class<?> type = Class.forName(pkg.getKey(), pkg.getValue() + "." + simpleName);
            if (type != null && Modifier.isPublic(type.getModifiers())) {
                found.add(type);
            }
        }
        return found;
    }

    /** The repository's files, without build output, Git's data and installed packages. */
    private static Stream<Path> walk(Path under) {
        try {
            return Files.walk(under).filter(p -> {
                for (Path part : under.relativize(p)) {
                    String s = part.toString();
                    if (s.equals("target") || s.equals(".git") || s.equals("node_modules") || s.equals(".mvn")) {
                        return false;
                    }
                }
                return true;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void throwIfAnyProblem() {
        if (!problems.isEmpty()) {
            List<String> found = List.copyOf(problems);
            problems.clear();
            throw new AssertionError("lesson " + lesson.id() + "'s README does not match the code (" + found.size() + "):\n  "
                    + String.join("\n  ", found));
        }
    }
}
