package io.github.larkapprovalbot.outbox;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The outbox on a real MariaDB server (Debian's {@code mariadb-server}), started for these tests. */
class MariaDbLarkOutboxTests extends LarkOutboxContract {

	private static MariaDbServer server;

	private static HikariDataSource pool;

	@BeforeAll
	static void startDatabase() {
		server = MariaDbServer.onFreePort();
		pool = PostgresLarkOutboxTests.pool(server.jdbcUrl(), server.username(), server.password());
	}

	@AfterAll
	static void stopDatabase() {
		pool.close();
		server.close();
	}

	@Override
	DataSource dataSource() {
		return pool;
	}

}
