package io.github.larkapprovalbot.autoconfigure.outbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the {@link javax.sql.DataSource} the outbox keeps its table in, when it is not the application's primary
 * one (as {@code @FlywayDataSource} does for Flyway). The outbox joins a transaction only on its own
 * {@code DataSource}: record the calls in the transactions of that database.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface LarkOutboxDataSource {

}
