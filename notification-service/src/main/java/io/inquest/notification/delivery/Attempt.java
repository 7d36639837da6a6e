package io.inquest.notification.delivery;

/** The result of one attempt at one delivery; {@code failure} is null when the server took it. */
record Attempt(Delivery delivery, SendFailure failure) {
}
