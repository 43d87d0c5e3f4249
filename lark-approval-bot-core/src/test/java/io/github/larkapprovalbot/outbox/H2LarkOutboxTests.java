package io.github.larkapprovalbot.outbox;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;

/** The outbox on H2, the embedded default. */
class H2LarkOutboxTests extends LarkOutboxContract {

	private static final HikariDataSource h2 = new HikariDataSource();

	static {
		h2.setJdbcUrl("jdbc:h2:mem:outbox;DB_CLOSE_DELAY=-1");
		h2.setMaximumPoolSize(20);
	}

	@AfterAll
	static void closeDatabase() {
		h2.close();
	}

	@Override
	DataSource dataSource() {
		return h2;
	}

}
