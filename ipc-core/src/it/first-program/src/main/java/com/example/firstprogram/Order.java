package com.example.firstprogram;

import java.math.BigDecimal;
import java.util.List;

/**
 * A user's own record: it travels on mproc queues with no allow-list, because its components are JDK values and
 * collections.
 */
public record Order(String id, int quantity, BigDecimal price, List<String> tags)
{
}
