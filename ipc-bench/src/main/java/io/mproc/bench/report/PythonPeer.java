package io.mproc.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code multiprocessing} in the same run: the project's own peer script ({@code ipc-bench/peers/
 * python_mp_bench.py}, standard library only, packed into the benchmarks jar) run by {@code python3} from the
 * {@code PATH}. When there is no {@code python3}, or the script fails, every Python figure is null with the reason,
 * and the report goes on.
 */
public final class PythonPeer
{
    static final String SCRIPT_RESOURCE = "/io/mproc/bench/peers/python_mp_bench.py";
    static final String PYTHON = "python3";

    private final String version;
    private final String missingReason;

    private PythonPeer(final String version, final String missingReason)
    {
        this.version = version;
        this.missingReason = missingReason;
    }

    /**
     * @return the peer, found or not ({@link #found()}).
     */
    public static PythonPeer find()
    {
        try
        {
            final Process process = new ProcessBuilder(PYTHON, "--version").redirectErrorStream(true).start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || 0 != process.exitValue())
            {
                process.destroyForcibly();
                return new PythonPeer(null, PYTHON + " --version failed: " + out);
            }
            return new PythonPeer(out.replaceFirst("^Python\\s+", ""), null);
        }
        catch (final IOException ex)
        {
            return new PythonPeer(null, PYTHON + " not found on the PATH (" + ex.getMessage() + ")");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new PythonPeer(null, "interrupted while looking for " + PYTHON);
        }
    }

    /**
     * @return whether python3 runs here.
     */
    public boolean found()
    {
        return null != version;
    }

    /**
     * @return the version ({@code 3.11.7}), or the reason there is none.
     */
    public String describe()
    {
        return found() ? version : "none: " + missingReason;
    }

    /**
     * Runs the peer script's measurements.
     *
     * @param dir        where the script is unpacked and its log written.
     * @param sizeFlag   {@code --smoke}, {@code --quick} or {@code ""}.
     * @param only       the script's measurements to run.
     * @param taskMillis durations of the CPU-bound tasks.
     * @param workers    pool sizes.
     * @param timeoutSeconds after which the script is killed.
     * @return its figures, or the reason there are none.
     */
    public PythonResult run(final Path dir, final String sizeFlag, final List<String> only,
        final List<Double> taskMillis, final List<Integer> workers, final long timeoutSeconds)
    {
        if (!found())
        {
            return new PythonResult(null, missingReason);
        }
        final Path log = dir.resolve("python.log");
        try
        {
            final Path script = unpackScript(dir);
            final List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
            if (!sizeFlag.isEmpty())
            {
                command.add(sizeFlag);
            }
            command.addAll(List.of("--only", String.join(",", only), "--cpu-task-ms",
                String.join(",", taskMillis.stream().map(ms -> String.format("%s", ms)).toList()),
                "--workers", String.join(",", workers.stream().map(String::valueOf).toList())));
            final Path out = dir.resolve("python.json");
            final Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new PythonResult(null, "the Python peer ran past " + timeoutSeconds + " s and was killed; " +
                    "see " + log);
            }
            final String json = Files.readString(out).trim();
            if (json.isEmpty())
            {
                return new PythonResult(null, "the Python peer printed no result (exit " + process.exitValue() +
                    "); see " + log);
            }
            return new PythonResult(new ObjectMapper().readTree(json), "the Python peer did not measure it; see " + log);
        }
        catch (final IOException ex)
        {
            return new PythonResult(null, "the Python peer failed: " + ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new PythonResult(null, "interrupted while the Python peer ran");
        }
    }

    private static Path unpackScript(final Path dir) throws IOException
    {
        final Path script = dir.resolve("python_mp_bench.py");
        try (InputStream in = PythonPeer.class.getResourceAsStream(SCRIPT_RESOURCE))
        {
            if (null == in)
            {
                throw new IOException("the peer script " + SCRIPT_RESOURCE + " is not on the class path " +
                    "(build ipc-bench with Maven, which packs ipc-bench/peers/ into the jar)");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /**
     * The peer script's figures.
     *
     * @param json   its output, or null.
     * @param reason why a figure is missing (the whole run, or one measurement).
     */
    public record PythonResult(JsonNode json, String reason)
    {
        /**
         * @param key a metric of the script ({@code queue_int_msgs_per_s}).
         * @return its value, or null.
         */
        public Double get(final String key)
        {
            if (null == json)
            {
                return null;
            }
            final JsonNode node = json.get(key);
            return null == node || !node.isNumber() ? null : node.asDouble();
        }

        /**
         * @param key a metric of the script.
         * @return why it is missing: Python not found, the script failed, or this measurement failed (its error).
         */
        public String reasonFor(final String key)
        {
            if (null == json)
            {
                return reason;
            }
            final JsonNode errors = json.get("errors");
            if (null != errors)
            {
                for (final JsonNode error : (Iterable<JsonNode>)errors::elements)
                {
                    return "the Python peer failed: " + error.asText();
                }
            }
            return reason;
        }
    }
}
