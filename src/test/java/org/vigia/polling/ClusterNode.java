package org.vigia.polling;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.vigia.VigiaApplication;

/**
 * A second Vigía node in its own JVM, for the cluster test: the same application against the same database, without
 * a web server; its arguments are Spring properties ({@code --name=value}). Killing its process is killing a node.
 */
public final class ClusterNode {

	private ClusterNode() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(VigiaApplication.class).web(WebApplicationType.NONE).run(args);
	}

}
