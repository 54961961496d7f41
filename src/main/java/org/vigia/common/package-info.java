/** Common: what every module may use, such as the categories of errors that users see. */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package org.vigia.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
