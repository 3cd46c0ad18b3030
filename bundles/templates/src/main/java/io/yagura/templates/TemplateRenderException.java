package io.yagura.templates;

/** A template that could not be rendered with the model it was given, with the file and line at fault. */
public class TemplateRenderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TemplateProblem problem;

    public TemplateRenderException(TemplateProblem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problem = problem;
    }

    public TemplateProblem problem() {
        return problem;
    }
}
