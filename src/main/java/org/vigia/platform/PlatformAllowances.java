package org.vigia.platform;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** The paid or limited allowances of the networks that have one (X, YouTube), as spent now. */
@Service
public class PlatformAllowances {

	private final List<NetworkAllowance.Source> sources;

	PlatformAllowances(List<NetworkAllowance.Source> sources) {
		this.sources = List.copyOf(sources);
	}

	public List<NetworkAllowance> all() {
		return sources.stream().map(NetworkAllowance.Source::allowance).toList();
	}

	public Optional<NetworkAllowance> of(Platform platform) {
		return all().stream().filter((allowance) -> allowance.platform() == platform).findFirst();
	}

}
