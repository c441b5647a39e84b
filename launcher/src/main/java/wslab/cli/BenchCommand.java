package wslab.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import wslab.faults.bench.ProxyBench;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures as ratios measured in one run.")
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<what>", description = "What to measure: proxy (the fault proxy against direct loopback).")
    String what;

    @Override
    public Integer call() throws Exception {
        if (!what.equals("proxy")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown benchmark '" + what + "'; known: proxy");
        }
        ProxyBench.run(Main.OUT);
        return 0;
    }
}
