package org.vigia.alerts;

import org.vigia.common.InvalidException;
import org.vigia.platform.Message;

/** Alert settings that cannot be taken, with what is wrong. */
public class AlertSettingsException extends InvalidException {

	AlertSettingsException(String code, Object... arguments) {
		super(Message.of(code, arguments).english(), code, arguments);
	}

}
