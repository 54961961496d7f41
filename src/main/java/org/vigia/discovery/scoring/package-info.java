/**
 * Look-alike scoring: how much a candidate account resembles an institution's official accounts, as points from
 * transparent signals each named in the evidence, and whether it proves official control. Pure functions, no I/O
 * except decoding avatar bytes the caller fetched.
 */
@NullMarked
@NamedInterface("scoring")
package org.vigia.discovery.scoring;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
