package io.authstack.keycloak.amqp;

/**
 * One message for {@link ConfirmedPublisher}: its routing key and JSON body.
 *
 * @param routingKey its routing key
 * @param messageId the AMQP message id, the consumer's idempotency key
 * @param json the UTF-8 JSON body
 */
record OutgoingMessage(String routingKey, String messageId, byte[] json) {
}
