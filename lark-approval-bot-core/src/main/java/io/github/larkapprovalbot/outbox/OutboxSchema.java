package io.github.larkapprovalbot.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.github.larkapprovalbot.validation.InvalidSettingException;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.util.StreamUtils;

/**
 * The outbox's table: one schema script per supported database, in this package
 * ({@code schema-h2.sql}, {@code schema-postgresql.sql}, {@code schema-mysql.sql} for MySQL and MariaDB), each safe
 * to run again. The scripts name the table {@value #DEFAULT_TABLE_NAME}; another name replaces it.
 */
public final class OutboxSchema {

	/** The table's default name. */
	public static final String DEFAULT_TABLE_NAME = "lark_outbox";

	/** Plain identifiers only: the name goes into SQL as is, and the indexes are named after it. */
	private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,47}");

	private OutboxSchema() {
	}

	/**
	 * Creates the table and its indexes when they are not there.
	 * @param dataSource the database
	 * @param tableName the table's name
	 */
	public static void create(DataSource dataSource, String tableName) {
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
				new ByteArrayResource(script(platform(dataSource), tableName).getBytes(StandardCharsets.UTF_8)));
		try {
			populator.execute(dataSource);
		}
		catch (DataAccessException concurrent) {
			// Instances starting together: PostgreSQL can refuse one IF NOT EXISTS while another creates the same
			// table or index. What the other created is there now; the script, run again, passes over it.
			try {
				populator.execute(dataSource);
			}
			catch (DataAccessException again) {
				again.addSuppressed(concurrent);
				throw again;
			}
		}
	}

	/**
	 * Returns the schema script of a database for a table name.
	 * @param platform {@code h2}, {@code postgresql} or {@code mysql}, as {@link #platform} names them
	 * @param tableName the table's name
	 * @return the script
	 */
	public static String script(String platform, String tableName) {
		checkTableName(tableName);
		try {
			String script = StreamUtils.copyToString(new ClassPathResource(location(platform)).getInputStream(),
					StandardCharsets.UTF_8);
			return script.replace(DEFAULT_TABLE_NAME, tableName);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Could not read " + location(platform), ex);
		}
	}

	/**
	 * Returns the platform of a database: {@code h2}, {@code postgresql} or {@code mysql} (MySQL and MariaDB).
	 * @param dataSource the database
	 * @return the platform
	 * @throws IllegalArgumentException for a database the outbox does not support
	 */
	public static String platform(DataSource dataSource) {
		String product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Could not read the outbox's database's product name", ex);
		}
		String name = product.toLowerCase(Locale.ROOT);
		if (name.contains("postgresql")) {
			return "postgresql";
		}
		if (name.contains("mariadb") || name.contains("mysql")) {
			return "mysql";
		}
		if (name.equals("h2")) {
			return "h2";
		}
		throw new IllegalArgumentException("The Lark outbox supports H2, PostgreSQL, MySQL and MariaDB, not " + product);
	}

	static String location(String platform) {
		return "io/github/larkapprovalbot/outbox/schema-" + platform + ".sql";
	}

	/**
	 * Checks a table name: a plain SQL identifier, since it goes into SQL as is.
	 * @param tableName the name
	 * @return the name
	 * @throws InvalidSettingException naming the rule
	 */
	public static String checkTableName(String tableName) {
		if (!TABLE_NAME.matcher(tableName).matches()) {
			throw new InvalidSettingException("tableName", "must be a plain SQL identifier (letters, digits and _, at "
					+ "most 48, not starting with a digit)", tableName);
		}
		return tableName;
	}

}
