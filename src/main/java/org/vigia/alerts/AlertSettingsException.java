package org.vigia.alerts;

/** Alert settings that cannot be taken, with what is wrong. */
public class AlertSettingsException extends RuntimeException {

	AlertSettingsException(String message) {
		super(message);
	}

}
