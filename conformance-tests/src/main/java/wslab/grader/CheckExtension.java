package wslab.grader;

import java.util.List;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each check its {@link CheckContext} and, when it ends, publishes the evidence (wire
 * transcript, active toxics, NON-STRICT findings) as report entries the grader collects.
 */
public final class CheckExtension implements ParameterResolver, BeforeTestExecutionCallback, AfterTestExecutionCallback,
        ExecutionCondition {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CheckExtension.class);

    /** Leaves out checks that --only did not select, before they open any connection. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> only = context.getConfigurationParameter(GradeParameters.ONLY)
                .map(s -> List.of(s.split(","))).orElse(List.of()).stream().filter(s -> !s.isBlank()).toList();
        boolean virtual = context.getConfigurationParameter(GradeParameters.RUN).flatMap(GradeRun::find)
                .map(run -> run.options().virtualTime()).orElse(false);
        boolean logUnseen = context.getConfigurationParameter(GradeParameters.RUN).flatMap(GradeRun::find)
                .map(run -> !run.target().showsServerLog()).orElse(false);
        if (logUnseen && context.getTestMethod().filter(m -> m.isAnnotationPresent(NeedsServerLog.class)).isPresent()) {
            // Left out, like an unselected check: what the server logged is out of the grader's sight.
            return ConditionEvaluationResult.disabled(GradeParameters.NOT_SELECTED);
        }
        if (virtual && context.getTestMethod().filter(m -> m.isAnnotationPresent(RealTimeOnly.class)).isPresent()) {
            // Left out, like an unselected check: it cannot run in a simulation, and the grade says so.
            return ConditionEvaluationResult.disabled(GradeParameters.NOT_SELECTED);
        }
        if (only.isEmpty() || context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("all selected");
        }
        return Grader.infoOf(context.getRequiredTestMethod(), context.getDisplayName())
                .filter(info -> !GradeOptions.selects(only, info.id()))
                .map(info -> ConditionEvaluationResult.disabled(GradeParameters.NOT_SELECTED))
                .orElse(ConditionEvaluationResult.enabled("selected"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CheckContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        CheckInfo check = Grader.infoOf(context.getRequiredTestMethod(), context.getDisplayName())
                .orElseThrow(() -> new ParameterResolutionException(context.getRequiredTestMethod()
                        + " is neither a @Check nor a registered Case"));
        GradeRun run = context.getConfigurationParameter(GradeParameters.RUN).flatMap(GradeRun::find)
                .orElseThrow(() -> new ParameterResolutionException("no grade is running: checks run through Grader.grade"));
        CheckContext ctx = new CheckContext(check.id(), run);
        // The store closes AutoCloseable values when the check ends: its world, connections and links go with it.
        context.getStore(NAMESPACE).put("context", ctx);
        return ctx;
    }

    /** Tells the grader the check got as far as its body, so a failure is the check's verdict, not a failure to start. */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.publishReportEntry(GradeParameters.EVIDENCE_STARTED, "true");
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        CheckContext ctx = context.getStore(NAMESPACE).get("context", CheckContext.class);
        if (ctx == null) {
            return;
        }
        ctx.stageFailure().ifPresent(f -> ctx.transcript().note(f));
        if (!ctx.transcript().isEmpty()) {
            context.publishReportEntry(GradeParameters.EVIDENCE_TRANSCRIPT, ctx.transcript().toString());
        }
        List<String> toxics = ctx.activeToxics();
        if (!toxics.isEmpty()) {
            context.publishReportEntry(GradeParameters.EVIDENCE_TOXICS, String.join("\n", toxics));
        }
        List<String> observations = ctx.observations();
        if (!observations.isEmpty()) {
            context.publishReportEntry(GradeParameters.EVIDENCE_INFO, String.join("\n", observations));
        }
        List<String> findings = ctx.nonStrictFindings();
        if (!findings.isEmpty()) {
            context.publishReportEntry(GradeParameters.EVIDENCE_NON_STRICT, String.join("\n", findings));
        }
    }
}
