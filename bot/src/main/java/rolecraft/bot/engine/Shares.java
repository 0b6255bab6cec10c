package rolecraft.bot.engine;

import java.util.List;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.ShareUnit;
import rolecraft.bot.domain.Task;

/**
 * Turns the shares employees give (percentages, hours a week, or both) into percentages of their time
 * that add up to 100.
 */
public final class Shares {

    /** Hours in the working week that mixed lists measure hours against. */
    static final double WEEK_HOURS = 40.0;

    /** The percentages, and how the raw figures were turned into them. */
    public record Normalised(double[] percent, double rawTotal, Kind kind) {

        /** True when the employee's figures did not already add up to 100%. */
        public boolean rescaled() {
            return kind == Kind.RESCALED || kind == Kind.FROM_HOURS || kind == Kind.MIXED;
        }
    }

    /** How the figures were read. */
    public enum Kind {
        AS_GIVEN, RESCALED, FROM_HOURS, MIXED, INCOMPLETE
    }

    private Shares() {
    }

    /** Percentages of time per task; INCOMPLETE (all zero) while any task has no share. */
    public static Normalised normalise(List<Task> tasks) {
        double[] out = new double[tasks.size()];
        if (tasks.isEmpty() || tasks.stream().anyMatch(t -> t.share() == null)) {
            return new Normalised(out, 0, Kind.INCOMPLETE);
        }
        boolean anyHours = tasks.stream().anyMatch(t -> t.share().unit() == ShareUnit.HOURS_PER_WEEK);
        boolean anyPercent = tasks.stream().anyMatch(t -> t.share().unit() == ShareUnit.PERCENT);
        double total = 0;
        for (int i = 0; i < out.length; i++) {
            Share s = tasks.get(i).share();
            out[i] = anyHours && anyPercent && s.unit() == ShareUnit.HOURS_PER_WEEK
                    ? s.amount() / WEEK_HOURS * 100 : s.amount();
            total += out[i];
        }
        double rawTotal = 0;
        for (Task t : tasks) {
            rawTotal += t.share().amount();
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] / total * 100;
        }
        Kind kind;
        if (anyHours && anyPercent) {
            kind = Kind.MIXED;
        } else if (anyHours) {
            kind = Kind.FROM_HOURS;
        } else {
            kind = Math.abs(total - 100) < 0.05 ? Kind.AS_GIVEN : Kind.RESCALED;
        }
        return new Normalised(out, rawTotal, kind);
    }

    /**
     * Whole percentages that add up to exactly the rounded total, by largest remainder, so that a list
     * shown to a person never sums to 99 or 101.
     */
    public static int[] rounded(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return rounded(values, (int) Math.round(total));
    }

    /** Whole numbers near {@code values} that add up to exactly {@code total}, by largest remainder. */
    public static int[] rounded(double[] values, int total) {
        int[] out = new int[values.length];
        int floorSum = 0;
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) Math.floor(values[i]);
            floorSum += out[i];
        }
        int missing = total - floorSum;
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b] - Math.floor(values[b]),
                values[a] - Math.floor(values[a])));
        for (int k = 0; k < missing && k < order.length; k++) {
            out[order[k]]++;
        }
        return out;
    }
}
