package org.vigia.alerts;

import org.vigia.common.InvalidException;

/** Alert settings that cannot be taken, with what is wrong. */
public class AlertSettingsException extends InvalidException {

	AlertSettingsException(String message) {
		super(message);
	}

}
