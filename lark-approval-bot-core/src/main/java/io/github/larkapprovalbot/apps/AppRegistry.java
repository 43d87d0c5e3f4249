package io.github.larkapprovalbot.apps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One part of the client per configured Lark app, looked up by the app's name: the top-level app is
 * {@value #DEFAULT_APP}, the others carry the names they are configured under ({@code lark.approval-bot.apps.<name>}
 * in the Spring Boot starter). A service picks the app per call, explicitly: there is no "current app".
 *
 * @param <T> what each app has one of
 */
public abstract class AppRegistry<T> {

	/** The name of the app configured at the top level ({@code lark.approval-bot.app-id}). */
	public static final String DEFAULT_APP = "default";

	private final String kind;

	private final Map<String, T> byName;

	/**
	 * Creates a registry.
	 * @param kind what it holds, for its messages ({@code messenger})
	 * @param byName each app's part, by app name, in the order to list them
	 */
	protected AppRegistry(String kind, Map<String, ? extends T> byName) {
		this.kind = Objects.requireNonNull(kind, "kind must not be null");
		this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
	}

	/**
	 * Returns the part of one app.
	 * @param name the app's configured name ({@value #DEFAULT_APP} for the top-level app)
	 * @return its part
	 * @throws IllegalArgumentException naming the known apps, when no app has that name
	 */
	public T get(String name) {
		T value = this.byName.get(Objects.requireNonNull(name, "name must not be null"));
		if (value == null) {
			throw new IllegalArgumentException("No Lark app is named '" + name + "' (no " + this.kind
					+ " for it); the apps are " + this.byName.keySet());
		}
		return value;
	}

	/**
	 * Returns the names of the apps, the top-level one first when there is one.
	 * @return the names
	 */
	public Set<String> names() {
		return this.byName.keySet();
	}

	/**
	 * Returns every app's part.
	 * @return the parts by app name
	 */
	protected Map<String, T> all() {
		return this.byName;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + names();
	}

}
