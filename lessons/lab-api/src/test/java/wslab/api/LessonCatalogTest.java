package wslab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCatalogTest {

    @TempDir
    Path dir;

    Path write(String folder, String text) throws IOException {
        Path file = dir.resolve(folder).resolve(LessonCatalog.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return dir.resolve(folder);
    }

    @Test
    void readsEveryLessonOnTheClassPathInIdOrder() throws IOException {
        Path two = write("b", "id=02\nslug=frames\ntitle=Frames\npaths=/frames\npass-mark=80\nchecks=x.Frames\njobs=6\n");
        Path one = write("a", "id=01\nslug=handshake\ntitle=Handshake\npaths=/handshake, /other\nchecks=x.A,x.B\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {two.toUri().toURL(), one.toUri().toURL()}, null)) {
            LessonCatalog catalog = LessonCatalog.load(loader);
            assertThat(catalog.lessons()).extracting(Lesson::id).containsExactly("01", "02");
            Lesson first = catalog.lesson("01-handshake").orElseThrow();
            assertThat(first.paths()).containsExactly("/handshake", "/other");
            assertThat(first.checks()).containsExactly("x.A", "x.B");
            assertThat(first.passMark()).as("default pass mark").isEqualTo(100);
            assertThat(catalog.lesson("02").orElseThrow().passMark()).isEqualTo(80);
            assertThat(first.jobs()).as("default jobs").isEqualTo(1);
            assertThat(catalog.lesson("02").orElseThrow().jobs()).isEqualTo(6);
            assertThat(catalog.lesson("03")).isEmpty();
            assertThat(catalog.implementations("01")).isEmpty();
        }
    }

    @Test
    void jobsOutOfRangeIsAClearError() throws IOException {
        Path bad = write("d", "id=05\nslug=x\ntitle=X\njobs=many\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {bad.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> LessonCatalog.load(loader)).hasMessageContaining("'jobs' is a whole number from 1 to 64, not 'many'");
        }
    }

    @Test
    void aLessonWithoutAnIdIsAClearError() throws IOException {
        Path bad = write("c", "slug=x\ntitle=X\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {bad.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> LessonCatalog.load(loader)).hasMessageContaining("has no 'id'");
        }
    }
}
