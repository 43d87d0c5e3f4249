package io.github.larkapprovalbot.outbox;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The outbox on a real PostgreSQL server (Debian's {@code postgresql}), started for these tests. */
class PostgresLarkOutboxTests extends LarkOutboxContract {

	private static PostgresServer server;

	private static HikariDataSource pool;

	@BeforeAll
	static void startDatabase() {
		server = PostgresServer.onFreePort();
		pool = pool(server.jdbcUrl(), server.username(), server.password());
	}

	@AfterAll
	static void stopDatabase() {
		pool.close();
		server.close();
	}

	static HikariDataSource pool(String url, String username, String password) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername(username);
		pool.setPassword(password);
		pool.setMaximumPoolSize(20);
		return pool;
	}

	@Override
	DataSource dataSource() {
		return pool;
	}

}
