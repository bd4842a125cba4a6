package io.authstack.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scrape of {@code /actuator/prometheus} in the text exposition format, read into its samples: a series (the
 * metric name with its labels as written, such as {@code authstack_worker_emails_parked_total{reason="expired"}})
 * and its value. For the ITs of the BFF and the worker.
 *
 * @see <a href="https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format">Prometheus: text
 * exposition format</a>
 */
public record PrometheusScrape(String text, Map<String, Double> samples) {

	public static PrometheusScrape of(String text) {
		Map<String, Double> samples = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			// A label value may hold spaces (gc="G1 Young Generation"), the sample's value never does.
			int space = line.lastIndexOf(' ');
			samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
		}
		return new PrometheusScrape(text, Map.copyOf(samples));
	}

	/** The value of a series, which the scrape must hold (our services register their meters at start-up). */
	public double value(String series) {
		Double value = this.samples.get(series);
		if (value == null) {
			throw new AssertionError("No series " + series + " in the scrape:\n" + this.text);
		}
		return value;
	}

	/** How much a series grew from an earlier scrape to this one. */
	public double delta(PrometheusScrape before, String series) {
		return value(series) - before.value(series);
	}

}
