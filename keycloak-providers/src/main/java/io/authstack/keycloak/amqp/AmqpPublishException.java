package io.authstack.keycloak.amqp;

/** A message RabbitMQ did not confirm: it must be treated as not sent. */
final class AmqpPublishException extends Exception {

	AmqpPublishException(String message, Throwable cause) {
		super(message, cause);
	}

}
