package io.mproc.bench.report;

import java.util.List;

/**
 * One group of headline rows: the JMH trials it needs, the Python peer's measurements it needs, and how it turns
 * what was measured into rows. Every section reports all its rows whatever the effort; a row whose trial did not
 * run or failed has a null value and the reason.
 */
public interface Section
{
    /**
     * @param effort how much to measure.
     * @param cpus   this machine's.
     * @return the trials to run, in order.
     */
    List<Trial> trials(Effort effort, int cpus);

    /**
     * @return names of the peer script's measurements ({@code --only}) that the rows compare with.
     */
    List<String> pythonMeasurements();

    /**
     * @param measured what the run gave.
     * @param rows     to add to.
     */
    void addRows(Measured measured, Rows rows);
}
