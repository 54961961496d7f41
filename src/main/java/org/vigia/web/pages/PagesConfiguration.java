package org.vigia.web.pages;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.vigia.registry.RegistryCsv;

/**
 * The dashboard's language: the browser's if Vigía speaks it (English, Spanish, Catalan, Galician, Basque), switched
 * with {@code ?lang=ca} and remembered; and its uploads' size limit.
 */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration implements WebMvcConfigurer {

	static final List<Locale> LANGUAGES = Stream.of("en", "es", "ca", "gl", "eu").map(Locale::forLanguageTag).toList();

	@Bean
	LocaleResolver localeResolver() {
		var resolver = new CookieLocaleResolver("vigia-lang");
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setDefaultLocaleFunction(request -> {
			var wanted = request.getLocale();
			return LANGUAGES.stream().filter(l -> l.getLanguage().equals(wanted.getLanguage())).findFirst()
				.orElse(Locale.ENGLISH);
		});
		return resolver;
	}

	/**
	 * Uploads as large as the API accepts ({@code vigia.registry.import-max-size}), and no larger: the servlet container
	 * stops reading a bigger one, and {@link OversizedUploadFilter} turns that into the registry page with a message.
	 * Small files stay in memory.
	 */
	@Bean
	MultipartConfigElement multipartConfigElement(RegistryCsv csv) {
		long max = csv.maxImportBytes();
		// Room for the form's other fields and the multipart boundaries.
		long request = max + DataSize.ofKilobytes(64).toBytes();
		return new MultipartConfigElement("", max, request, (int) Math.min(max, DataSize.ofMegabytes(1).toBytes()));
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		var change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change).excludePathPatterns("/api/**");
	}

}
