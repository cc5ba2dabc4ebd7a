package io.acrlifecycle.engine.softdelete;

/**
 * The requested policies break an ACR rule; raised before anything is changed. Not resolved silently: the message
 * names the policies involved and the choice the user has to make.
 */
public class SoftDeleteRuleException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public enum Rule {
        SOFT_DELETE_AND_RETENTION, GEO_REPLICATED, ZONE_REDUNDANT, RETENTION_NEEDS_PREMIUM
    }

    private final Rule rule;

    public SoftDeleteRuleException(Rule rule, String message) {
        super(message);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
