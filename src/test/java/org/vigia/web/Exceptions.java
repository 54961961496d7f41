package org.vigia.web;

import java.lang.reflect.InvocationTargetException;

/**
 * The exceptions the services throw, made as the services make them: most have package-private constructors, so that
 * only their module raises them, and a slice test that mocks the service must still throw the real thing.
 */
public final class Exceptions {

	private Exceptions() {
	}

	/** An instance of {@code type} made by its declared constructor that takes these arguments. */
	public static <T extends RuntimeException> T of(Class<T> type, Object... arguments) {
		for (var constructor : type.getDeclaredConstructors()) {
			if (constructor.getParameterCount() != arguments.length) {
				continue;
			}
			try {
				constructor.setAccessible(true);
				return type.cast(constructor.newInstance(arguments));
			}
			catch (IllegalArgumentException ex) {
				// another constructor with as many parameters may take these arguments
			}
			catch (InstantiationException | IllegalAccessException | InvocationTargetException ex) {
				throw new IllegalStateException("Cannot make a " + type.getSimpleName(), ex);
			}
		}
		throw new IllegalArgumentException("No constructor of " + type.getSimpleName() + " takes " + arguments.length
				+ " arguments of those types");
	}

}
