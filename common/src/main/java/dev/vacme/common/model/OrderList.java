package dev.vacme.common.model;

import java.net.URI;
import java.util.List;

/**
 * The orders list of an account (RFC 8555 §7.1.2.1); further pages are linked with
 * {@code Link: rel="next"}.
 *
 * @param orders the order URLs on this page
 */
public record OrderList(List<URI> orders) {

    public OrderList {
        orders = orders == null ? List.of() : List.copyOf(orders);
    }
}
