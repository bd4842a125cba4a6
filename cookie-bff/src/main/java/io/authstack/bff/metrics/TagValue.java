package io.authstack.bff.metrics;

import java.util.Locale;

/** An enum constant as a tag value: its name in lower case ({@code REFRESH_REUSED} is {@code refresh_reused}). */
final class TagValue {

	private TagValue() {
	}

	static String of(Enum<?> constant) {
		return constant.name().toLowerCase(Locale.ROOT);
	}

}
