package jp.tsunagu.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one figure: median, min and max, as the benchmark's table prints them. */
final class Figures {

    private final List<Double> values = new ArrayList<>();

    static Figures of(List<Double> values) {
        Figures f = new Figures();
        f.values.addAll(values);
        return f;
    }

    Figures add(double v) {
        values.add(v);
        return this;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double median() {
        List<Double> s = sorted();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        return sorted().get(values.size() - 1);
    }

    int count() {
        return values.size();
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no measurement");
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }

    /** "median (min–max)" with the given number format. */
    String format(String number) {
        return String.format(number + " (" + number + "–" + number + ")", median(), min(), max());
    }

    /** The p-th percentile (nearest rank) of raw samples. */
    static double percentile(List<Double> samples, double p) {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }
}
