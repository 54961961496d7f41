package org.vigia.platform.meta;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vigia.platform.http.PlatformHttpClient;

/** The one Graph API client of the Meta app, shared by the Facebook and Instagram adapters and its authorization. */
@Configuration(proxyBeanMethods = false)
class MetaConfiguration {

	@Bean
	Graph metaGraph(PlatformHttpClient http, MetaProperties properties, Clock clock) {
		return new Graph(http, properties.versionedGraphUrl(), properties.appSecret(), true, "Graph API", clock,
				Thread::sleep);
	}

}
