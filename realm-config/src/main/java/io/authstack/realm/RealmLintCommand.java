package io.authstack.realm;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./authstack lint REALM.json...}: lints realm files or exports ({@code kc.sh export}, or the admin
 * console's partial export) before ops deploy them. Exits 1 when anything is found.
 */
public final class RealmLintCommand {

	private RealmLintCommand() {
	}

	public static void main(String[] args) {
		if (args.length == 0) {
			System.err.println("usage: ./authstack lint REALM.json...");
			System.exit(2);
		}
		int found = 0;
		for (String file : args) {
			List<RealmFinding> findings = new RealmLint().check(RealmFile.read(Path.of(file), System.getenv()));
			findings.forEach((finding) -> System.out.println(file + ": " + finding));
			found += findings.size();
		}
		System.out.println(found == 0 ? "No findings." : found + " finding(s).");
		System.exit(found == 0 ? 0 : 1);
	}

}
