package wslab.cli;

final class Ports {

    private Ports() {
    }

    static void requireValid(int port, String option) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " must be between 0 and 65535, not " + port);
        }
    }
}
