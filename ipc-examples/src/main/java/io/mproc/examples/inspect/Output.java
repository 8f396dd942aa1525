package io.mproc.examples.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the inspector's reports, either as aligned text for a person or as JSON for a script. Both are rendered
 * from the same field maps ({@code toMap()} of each report), so they always carry the same facts under the same names.
 */
final class Output
{
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private final PrintWriter out;
    private final boolean json;

    Output(final PrintWriter out, final boolean json)
    {
        this.out = out;
        this.json = json;
    }

    boolean json()
    {
        return json;
    }

    /**
     * Prints one document: pretty JSON, or nested {@code key: value} lines.
     */
    void document(final Map<String, ?> fields)
    {
        if (json)
        {
            out.println(toJson(PRETTY, fields));
        }
        else
        {
            fields(fields, "");
        }
        out.flush();
    }

    /**
     * Prints one document as a single JSON line (for {@code watch --json}: JSON Lines), or as text.
     */
    void line(final Map<String, ?> fields)
    {
        if (json)
        {
            out.println(toJson(COMPACT, fields));
            out.flush();
        }
        else
        {
            document(fields);
        }
    }

    /**
     * Prints rows under headers, each column as wide as its widest cell.
     */
    void table(final List<String> headers, final List<List<String>> rows)
    {
        final int[] widths = new int[headers.size()];
        final List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (final List<String> row : all)
        {
            for (int column = 0; column < widths.length; column++)
            {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (final List<String> row : all)
        {
            final StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++)
            {
                final String cell = row.get(column);
                line.append(cell);
                if (column < widths.length - 1)
                {
                    line.append(" ".repeat(widths[column] - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    void text(final String line)
    {
        out.println(line);
        out.flush();
    }

    private void fields(final Map<?, ?> fields, final String indent)
    {
        for (final Map.Entry<?, ?> field : fields.entrySet())
        {
            final Object value = field.getValue();
            if (value instanceof Map && !((Map<?, ?>)value).isEmpty())
            {
                out.println(indent + field.getKey() + ":");
                fields((Map<?, ?>)value, indent + "  ");
            }
            else if (value instanceof List && !((List<?>)value).isEmpty() && ((List<?>)value).get(0) instanceof Map)
            {
                out.println(indent + field.getKey() + ":");
                for (final Object item : (List<?>)value)
                {
                    out.println(indent + "  - " + inline((Map<?, ?>)item));
                }
            }
            else
            {
                out.println(indent + field.getKey() + ": " + scalar(value));
            }
        }
    }

    /**
     * @return {@code key: value, key: value}, nested maps in braces.
     */
    static String inline(final Map<?, ?> fields)
    {
        final List<String> parts = new ArrayList<>();
        fields.forEach((key, value) -> parts.add(key + ": " +
            (value instanceof Map ? "{" + inline((Map<?, ?>)value) + "}" : scalar(value))));
        return String.join(", ", parts);
    }

    private static String scalar(final Object value)
    {
        if (null == value)
        {
            return "-";
        }
        if (value instanceof Map)
        {
            return "{" + inline((Map<?, ?>)value) + "}";
        }
        return String.valueOf(value);
    }

    private static String toJson(final ObjectMapper mapper, final Object value)
    {
        try
        {
            return mapper.writeValueAsString(value);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write JSON: " + ex.getMessage(), ex);
        }
    }
}
