package io.authstack.worker.management;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorPropertiesTest {

	@Test
	void printedPropertiesNameTheOperatorButNeverThePassword() {
		OperatorProperties operator = new OperatorProperties("operator", "an operator's long password");

		assertThat(operator.toString()).contains("operator").doesNotContain("long password");
	}

}
