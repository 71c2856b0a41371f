package dev.vacme.server.ra;

import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.problem.Problem;
import dev.vacme.server.store.StoredOrder;

/**
 * An order as a client sees it at one moment.
 *
 * @param order  the stored order
 * @param status the status derived at read time (RFC 8555 §7.1.6)
 * @param error  the stored error, or the one derived from a failed authorization or expiry
 */
public record OrderSnapshot(StoredOrder order, OrderStatus status, Problem error) {
}
