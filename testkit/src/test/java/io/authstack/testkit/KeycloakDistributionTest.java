package io.authstack.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Installing a distribution: unpack once, copy our providers, and run {@code kc.sh build} only when the
 * providers or the build options changed. The zip here holds a {@code kc.sh} that records its calls.
 */
class KeycloakDistributionTest {

	private static final String RECORDING_KC_SH = """
			#!/bin/sh
			cd "$(dirname "$0")/.."
			echo "$*" >> builds.log
			""";

	@TempDir
	Path dir;

	private Path zip;

	private Path providerJar;

	@BeforeEach
	void distribution() throws IOException {
		this.zip = zipWith(RECORDING_KC_SH);
		this.providerJar = Files.writeString(this.dir.resolve("providers.jar"), "version 1");
	}

	@Test
	void firstPrepareUnpacksCopiesProvidersAndBuilds() throws IOException {
		Path home = distribution(List.of("--db=postgres")).prepare();

		assertThat(Files.isExecutable(home.resolve("bin/kc.sh"))).isTrue();
		assertThat(home.resolve("providers/providers.jar")).hasContent("version 1");
		assertThat(builds(home)).containsExactly("build --db=postgres");
	}

	@Test
	void prepareAgainWithNothingChangedDoesNotBuild() throws IOException {
		distribution(List.of("--db=postgres")).prepare();

		Path home = distribution(List.of("--db=postgres")).prepare();

		assertThat(builds(home)).hasSize(1);
	}

	@Test
	void changedProviderJarIsCopiedAndBuilt() throws IOException {
		distribution(List.of("--db=postgres")).prepare();
		Files.writeString(this.providerJar, "version 2");

		Path home = distribution(List.of("--db=postgres")).prepare();

		assertThat(home.resolve("providers/providers.jar")).hasContent("version 2");
		assertThat(builds(home)).hasSize(2);
	}

	@Test
	void changedBuildOptionsRebuild() throws IOException {
		distribution(List.of("--db=postgres")).prepare();

		Path home = distribution(List.of("--db=postgres", "--health-enabled=true")).prepare();

		assertThat(builds(home)).containsExactly("build --db=postgres", "build --db=postgres --health-enabled=true");
	}

	@Test
	void failedBuildIsReportedWithItsLog() throws IOException {
		this.zip = zipWith("#!/bin/sh\necho 'no such option' >&2\nexit 3\n");

		assertThatIllegalStateException().isThrownBy(() -> distribution(List.of("--bogus")).prepare())
			.withMessageContaining("kc.sh build failed")
			.withMessageContaining("build.log");
	}

	@Test
	void missingProviderJarIsNamed() {
		Path missing = this.dir.resolve("keycloak-providers.jar");

		assertThatIllegalStateException()
			.isThrownBy(() -> new KeycloakDistribution(this.zip, this.dir.resolve("install"), List.of(missing),
					List.of()))
			.withMessageContaining(missing.toString())
			.withMessageContaining("./mvnw package");
	}

	private KeycloakDistribution distribution(List<String> buildOptions) {
		return new KeycloakDistribution(this.zip, this.dir.resolve("install"), List.of(this.providerJar),
				buildOptions);
	}

	private static List<String> builds(Path home) throws IOException {
		return Files.readAllLines(home.resolve("builds.log"));
	}

	private Path zipWith(String kcSh) throws IOException {
		Path file = Files.createTempFile(this.dir, "keycloak-", ".zip");
		try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zipOut = new ZipOutputStream(out)) {
			zipOut.putNextEntry(new ZipEntry("keycloak-9.9.9/"));
			zipOut.putNextEntry(new ZipEntry("keycloak-9.9.9/bin/kc.sh"));
			zipOut.write(kcSh.getBytes(StandardCharsets.UTF_8));
			zipOut.putNextEntry(new ZipEntry("keycloak-9.9.9/providers/README.md"));
			zipOut.write("providers go here".getBytes(StandardCharsets.UTF_8));
		}
		return file;
	}

}
