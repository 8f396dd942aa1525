package io.mproc.bench.report;

import java.util.Map;

/**
 * Everything one run measured, as the sections read it to build their rows.
 *
 * @param effort  of the run.
 * @param cpus    of the machine.
 * @param trials  JMH trial results by label (only the trials that were planned).
 * @param python  the Python peer's figures.
 */
public record Measured(Effort effort, int cpus, Map<String, TrialResult> trials, PythonPeer.PythonResult python)
{
    /**
     * @param label of a trial.
     * @return its result, or null when it was not planned (then {@link #reason(String)} says why).
     */
    public TrialResult trial(final String label)
    {
        final TrialResult result = trials.get(label);
        return null == result || null != result.failure() ? null : result;
    }

    /**
     * @param label of a trial.
     * @return why it gave nothing: its failure, or that this effort leaves it out.
     */
    public String reason(final String label)
    {
        final TrialResult result = trials.get(label);
        return null == result ? effort.notMeasuredReason() : result.failure();
    }
}
