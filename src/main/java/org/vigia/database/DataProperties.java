package org.vigia.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Vigía keeps what it stores on its own.
 * @param dataDir the embedded PostgreSQL's home when {@code spring.datasource.url} is not set ({@code VIGIA_DATA_DIR})
 */
@ConfigurationProperties("vigia")
record DataProperties(@DefaultValue("./data") Path dataDir) {
}
