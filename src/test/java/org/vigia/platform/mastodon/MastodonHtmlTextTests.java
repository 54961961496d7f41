package org.vigia.platform.mastodon;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MastodonHtmlTextTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			<p>Cuenta oficial</p>                                                | Cuenta oficial
			<p>Línea uno<br>Línea dos</p>                                        | Línea uno\\nLínea dos
			<p>Línea uno<br />Línea dos</p><p>Otro párrafo</p>                   | Línea uno\\nLínea dos\\n\\nOtro párrafo
			<p>Uno</p><p></p><p>Dos</p>                                          | Uno\\n\\nDos
			Sin etiquetas &amp; con entidades &lt;3                              | Sin etiquetas & con entidades <3
			<p>Web: <a href="https://www.cultura.example" rel="nofollow noopener"><span class="invisible">https://www.</span><span class="">cultura.example</span><span class="invisible"></span></a></p> | Web: https://www.cultura.example
			<p><span class="h-card"><a href="https://museos.example/@museo" class="u-url mention">@<span>museo</span></a></span> gracias</p> | @museo gracias
			<p>  espacios   de   más  </p>                                        | espacios de más
			`<p>#Cultura <a href="https://social.cultura.example/tags/Cultura" class="mention hashtag" rel="tag">#<span>Patrimonio</span></a></p>` | #Cultura #Patrimonio
			""")
	void readsMastodonHtmlAsThePlainTextAReaderSees(String html, String text) {
		assertThat(HtmlText.of(html)).isEqualTo(text.replace("\\n", "\n"));
	}

}
