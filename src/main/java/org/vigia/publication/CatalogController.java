package org.vigia.publication;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.util.ModelBuilder;
import org.eclipse.rdf4j.model.vocabulary.DCAT;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.FOAF;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.VCARD4;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.vigia.registry.PublishedOrganization;

/**
 * The published registries as a DCAT-AP catalogue that open-data portals harvest: one dataset per organization that
 * publishes its directory, with its CSV and JSON distributions, licence, publisher, update frequency and contact
 * point (the directory's page: the catalogue names no person).
 */
@RestController
class CatalogController {

	private static final String FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/";

	private static final String FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";

	private final Directory directory;

	private final PublicationProperties properties;

	CatalogController(Directory directory, PublicationProperties properties) {
		this.directory = directory;
		this.properties = properties;
	}

	/** The catalogue as last written, for one address and format, and the version of the registries it describes. */
	private record Written(String version, String etag, String body) {
	}

	private final Map<String, Written> written = new ConcurrentHashMap<>();

	/**
	 * The catalogue. Written once per version of the published registries (every publishing organization's name, slug
	 * and latest change, each an index probe) and kept: a harvester asking again gets the same text, or 304 for the
	 * ETag it has, without the catalogue being built again.
	 */
	@GetMapping(path = "/public/catalog", produces = { "text/turtle", "application/ld+json" })
	ResponseEntity<String> catalog(@RequestHeader(name = "Accept", required = false) @Nullable String accept,
			WebRequest request) {
		var jsonLd = accept != null && accept.contains("application/ld+json") && !accept.startsWith("text/turtle");
		var format = jsonLd ? RDFFormat.JSONLD : RDFFormat.TURTLE;
		var base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		var organizations = directory.organizations();
		var version = Directory.version(organizations);
		var key = format.getName() + " " + base;
		var cached = written.get(key);
		if (cached == null || !cached.version().equals(version)) {
			var out = new StringWriter();
			Rio.write(model(base, organizations), out, format);
			cached = new Written(version, etag(key + "\n" + version), out.toString());
			written.put(key, cached);
		}
		var cacheControl = CacheControl.maxAge(properties.maxAge()).cachePublic();
		if (request.checkNotModified(cached.etag())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).cacheControl(cacheControl).eTag(cached.etag()).build();
		}
		return ResponseEntity.ok()
			.cacheControl(cacheControl)
			.eTag(cached.etag())
			.varyBy(HttpHeaders.ACCEPT)
			.contentType(jsonLd ? MediaType.parseMediaType("application/ld+json")
					: MediaType.parseMediaType("text/turtle;charset=UTF-8"))
			.body(cached.body());
	}

	private static String etag(String text) {
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private Model model(String base, List<PublishedOrganization> organizations) {
		ValueFactory values = SimpleValueFactory.getInstance();
		var catalog = values.createIRI(base + "/public/catalog");
		var builder = new ModelBuilder().setNamespace(DCAT.NS)
			.setNamespace(DCTERMS.NS)
			.setNamespace(FOAF.NS)
			.setNamespace(VCARD4.NS);
		builder.subject(catalog)
			.add(RDF.TYPE, DCAT.CATALOG)
			.add(DCTERMS.TITLE, values.createLiteral("Official social media accounts", "en"))
			.add(DCTERMS.TITLE, values.createLiteral("Cuentas oficiales en redes sociales", "es"))
			.add(DCTERMS.DESCRIPTION, values.createLiteral(
					"Registries of official social media accounts that institutions publish through Vigía", "en"))
			.add(FOAF.HOMEPAGE, values.createIRI(base + "/public"));
		var licence = values.createIRI(properties.licence());
		for (var organization : organizations) {
			var page = base + "/public/" + organization.slug();
			var dataset = values.createIRI(page + "#dataset");
			var publisher = values.createIRI(page + "#publisher");
			var contact = values.createIRI(page + "#contact");
			var api = base + "/public/api/organizations/" + organization.slug() + "/accounts";
			var csv = values.createIRI(page + "#csv");
			var json = values.createIRI(page + "#json");
			var modified = values.createLiteral(Date.from(organization.updatedAt()));
			builder.subject(catalog).add(DCAT.HAS_DATASET, dataset);
			builder.subject(dataset)
				.add(RDF.TYPE, DCAT.DATASET)
				.add(DCTERMS.IDENTIFIER, organization.slug())
				.add(DCTERMS.TITLE, values.createLiteral("Official social media accounts of " + organization.name(), "en"))
				.add(DCTERMS.TITLE, values.createLiteral("Cuentas oficiales en redes sociales de " + organization.name(), "es"))
				.add(DCTERMS.DESCRIPTION, values.createLiteral("The social media accounts " + organization.name()
						+ " declares official: network, handle, address, display name, unit, purpose, language and "
						+ "since when each is registered", "en"))
				.add(DCAT.KEYWORD, values.createLiteral("social media", "en"))
				.add(DCAT.KEYWORD, values.createLiteral("redes sociales", "es"))
				.add(DCAT.LANDING_PAGE, values.createIRI(page))
				.add(DCTERMS.PUBLISHER, publisher)
				.add(DCAT.CONTACT_POINT, contact)
				.add(DCTERMS.ACCRUAL_PERIODICITY, values.createIRI(FREQUENCY + "DAILY"))
				.add(DCTERMS.MODIFIED, modified)
				.add(DCAT.DISTRIBUTION, csv)
				.add(DCAT.DISTRIBUTION, json);
			builder.subject(publisher)
				.add(RDF.TYPE, FOAF.AGENT)
				.add(FOAF.NAME, organization.name());
			builder.subject(contact)
				.add(RDF.TYPE, VCARD4.KIND)
				.add(VCARD4.FN, organization.name())
				.add(VCARD4.HAS_URL, values.createIRI(page));
			distribution(builder, values, csv, api + "?format=csv", "text/csv", "CSV", licence, modified);
			distribution(builder, values, json, api, "application/json", "JSON", licence, modified);
		}
		return builder.build();
	}

	private static void distribution(ModelBuilder builder, ValueFactory values,
			org.eclipse.rdf4j.model.IRI distribution, String url, String mediaType, String fileType,
			org.eclipse.rdf4j.model.IRI licence, org.eclipse.rdf4j.model.Literal modified) {
		builder.subject(distribution)
			.add(RDF.TYPE, DCAT.DISTRIBUTION)
			.add(DCAT.ACCESS_URL, values.createIRI(url))
			.add(DCAT.DOWNLOAD_URL, values.createIRI(url))
			.add(DCAT.MEDIA_TYPE, values.createIRI("https://www.iana.org/assignments/media-types/" + mediaType))
			.add(DCTERMS.FORMAT, values.createIRI(FILE_TYPE + fileType))
			.add(DCTERMS.LICENSE, licence)
			.add(DCTERMS.MODIFIED, modified);
	}

}
