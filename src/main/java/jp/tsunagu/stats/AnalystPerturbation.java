package jp.tsunagu.stats;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The analysts' disclosure control for tables counted outside this package (the disaster plans' figures): the same
 * cell-key perturbation, threshold and note as every analyst table here. A feature counts records that carry a
 * {@code cell_key} (children do) and publishes each count with the sum of the keys of the records it counts.
 */
@ApplicationScoped
public class AnalystPerturbation {

    private final CellKeyPerturbation perturbation;

    AnalystPerturbation(StatsSettings settings) {
        this.perturbation = new CellKeyPerturbation(settings.suppressionK());
    }

    /** The published value of a true count whose records' keys sum to {@code keySum}. */
    public long publish(long count, long keySum) {
        return perturbation.publish(count, keySum);
    }

    public int threshold() {
        return perturbation.threshold();
    }

    public int maxDeviation() {
        return perturbation.maxDeviation();
    }

    /** The note an analyst's CSV ends with, in Japanese or English. */
    public String note(boolean japanese) {
        return StatsCsv.perturbedNote(japanese ? Output.Labels.JA : Output.Labels.EN, threshold(), maxDeviation());
    }
}
