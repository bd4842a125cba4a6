package io.authstack.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The services this machine runs on localhost before any test: the tests use them as they are and
 * fail fast, naming the command that starts one, when it does not answer.
 */
public enum LocalService {

	POSTGRESQL("PostgreSQL", 5432, "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"),
	REDIS("Redis", 6379, "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" "
			+ "--appendonly yes --appendfsync everysec --dir /var/lib/redis --logfile /var/log/redis/ci.log"),
	RABBITMQ("RabbitMQ", 5672, "rabbitmq-server -detached");

	private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

	private final String displayName;

	private final int port;

	private final String startCommand;

	LocalService(String displayName, int port, String startCommand) {
		this.displayName = displayName;
		this.port = port;
		this.startCommand = startCommand;
	}

	public String host() {
		return "localhost";
	}

	public int port() {
		return this.port;
	}

	public String startCommand() {
		return this.startCommand;
	}

	public boolean isAnswering() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host(), this.port), CONNECT_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * @return this service, once it answers on its port
	 * @throws IllegalStateException naming the service and the command that starts it
	 */
	public LocalService require() {
		if (!isAnswering()) {
			throw new IllegalStateException(this.displayName + " does not answer on " + host() + ":" + this.port
					+ ". Start it with: " + this.startCommand);
		}
		return this;
	}

}
