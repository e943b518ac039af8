package io.tsfm.benchmark.metrics;

/** The four metrics of the protocol (spec §6.3-6.5), each a table of the report. */
public enum MetricKind {
    /** Zero-shot against the model's whole training vocabulary, scored on synonym groups (§6.3). */
    ZS_OPEN("zs_open", "Zero-shot open-set", true),
    /** Zero-shot against the dataset's own labels, exact match (§6.4). */
    ZS_CLOSED("zs_closed", "Zero-shot closed-set", true),
    /** Supervised on the balanced 1 % subsample of the train split, scored on the test split (§6.5). */
    SUP1("sup1", "1 % supervised", false),
    /** Supervised on the balanced 10 % subsample of the train split, scored on the test split (§6.5). */
    SUP10("sup10", "10 % supervised", false);

    private final String id;
    private final String title;
    private final boolean zeroShot;

    MetricKind(String id, String title, boolean zeroShot) {
        this.id = id;
        this.title = title;
        this.zeroShot = zeroShot;
    }

    /** Short id used in report.json and file names ({@code zs_open}, ...). */
    public String id() {
        return id;
    }

    /** Human title of the metric's table. */
    public String title() {
        return title;
    }

    /** Whether the metric needs no labelled data of the test dataset. */
    public boolean zeroShot() {
        return zeroShot;
    }

    /** The labelled fraction of a supervised metric (0.01 or 0.1). */
    public double labelRate() {
        return switch (this) {
            case SUP1 -> 0.01;
            case SUP10 -> 0.1;
            default -> throw new IllegalStateException(id + " is not a supervised metric");
        };
    }

    /**
     * The supervised metric of a label rate (0.01 or 0.1).
     *
     * @throws IllegalArgumentException for any other rate
     */
    public static MetricKind ofLabelRate(double rate) {
        if (rate == SUP1.labelRate()) return SUP1;
        if (rate == SUP10.labelRate()) return SUP10;
        throw new IllegalArgumentException("the protocol fine-tunes at 1 % and 10 %, not at " + rate);
    }
}
