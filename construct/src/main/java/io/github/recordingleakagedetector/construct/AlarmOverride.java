package io.github.recordingleakagedetector.construct;

import java.util.Optional;

/**
 * Changes one of the detector's default alarms ({@link RecordingLeakageDetectorProps#getAlarms()}): switch it off, or
 * set its threshold, its evaluation periods and how many of them must breach. Unset values keep the default. Built
 * with {@link #builder()}; {@link #off()} switches an alarm off.
 */
public final class AlarmOverride {
    private final Boolean enabled;
    private final Number threshold;
    private final Integer evaluationPeriods;
    private final Integer datapointsToAlarm;

    private AlarmOverride(Builder builder) {
        this.enabled = builder.enabled;
        this.threshold = builder.threshold;
        this.evaluationPeriods = builder.evaluationPeriods;
        this.datapointsToAlarm = builder.datapointsToAlarm;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The alarm is not created. */
    public static AlarmOverride off() {
        return builder().enabled(false).build();
    }

    /**
     * Whether the alarm is created.
     *
     * @default true
     */
    public Optional<Boolean> getEnabled() {
        return Optional.ofNullable(enabled);
    }

    /**
     * The value the alarm compares with (a count for the "at least" alarms, a percentage for the compliance alarm).
     *
     * @default the alarm's own: 1 for the count alarms, {@code complianceTarget} for the compliance alarm
     */
    public Optional<Number> getThreshold() {
        return Optional.ofNullable(threshold);
    }

    /**
     * How many periods the alarm evaluates (1 or more; period &times; periods at most one day for 5-minute periods,
     * seven days for hourly ones).
     *
     * @default the alarm's own (1; for the blind-detector alarms, their silence period in periods)
     */
    public Optional<Integer> getEvaluationPeriods() {
        return Optional.ofNullable(evaluationPeriods);
    }

    /**
     * How many of the evaluated periods must breach (an "M out of N" alarm), at most {@code evaluationPeriods}.
     *
     * @default all of them
     */
    public Optional<Integer> getDatapointsToAlarm() {
        return Optional.ofNullable(datapointsToAlarm);
    }

    /** Builds an {@link AlarmOverride}; every setter returns the builder. */
    public static final class Builder {
        private Boolean enabled;
        private Number threshold;
        private Integer evaluationPeriods;
        private Integer datapointsToAlarm;

        private Builder() {
        }

        /** @see AlarmOverride#getEnabled() */
        public Builder enabled(Boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** @see AlarmOverride#getThreshold() */
        public Builder threshold(Number threshold) {
            this.threshold = threshold;
            return this;
        }

        /** @see AlarmOverride#getEvaluationPeriods() */
        public Builder evaluationPeriods(Integer evaluationPeriods) {
            this.evaluationPeriods = evaluationPeriods;
            return this;
        }

        /** @see AlarmOverride#getDatapointsToAlarm() */
        public Builder datapointsToAlarm(Integer datapointsToAlarm) {
            this.datapointsToAlarm = datapointsToAlarm;
            return this;
        }

        public AlarmOverride build() {
            return new AlarmOverride(this);
        }
    }
}
