package io.authstack.keycloak.amqp;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of the notification contract on Keycloak's side, with the Jackson 2 that Keycloak ships:
 * the record components and nothing else (not {@code isTemplated()}), ISO-8601 instants, and no field for
 * a null or empty value, as in the contract's golden samples.
 */
final class ContractJson {

	private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
		.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
		.setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

	private ContractJson() {
	}

	static byte[] write(Object message) {
		try {
			return MAPPER.writeValueAsBytes(message);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Not serializable as contract JSON: " + message.getClass(), ex);
		}
	}

}
