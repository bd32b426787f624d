package org.ctims.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test class a real PostgreSQL database and a real Kafka broker.
 *
 * <p>Use it next to {@code @SpringBootTest}. Each (top-level) test class gets its own freshly
 * created database and its own topic-name suffix, so test classes never see each other's data and
 * can run in any order; {@code @Nested} classes share the enclosing class's. The broker is shared
 * by the whole test JVM. These properties are set, ahead of {@code application.yml} and the
 * environment but behind the test's own inlined properties (so a test can still override one):
 * <ul>
 * <li>{@code spring.datasource.url}, {@code spring.datasource.username},
 * {@code spring.datasource.password} — the class's database. If the application already configures
 * a url with a query string (e.g. {@code ?currentSchema=followup}), the query string is kept.</li>
 * <li>{@code spring.cloud.stream.kafka.binder.brokers} and {@code spring.kafka.bootstrap-servers}.</li>
 * <li>{@code ctims.test.topic-suffix} — e.g. {@code -t3f9a1c}; append it to every destination the
 * test uses: {@code spring.cloud.stream.bindings.x-in-0.destination=enrollments${ctims.test.topic-suffix}}.</li>
 * <li>{@code ctims.test.database} — the database name, for tests that start further contexts.</li>
 * </ul>
 *
 * <p>Where the servers come from is explained in {@link TestInfrastructure}; if none can be had the
 * test fails with a message that says how to get one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {
}
