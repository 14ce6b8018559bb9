/**
 * Claim shapes of German, French, Spanish, Portuguese and Italian reporting, on sentences written
 * for these tests (never copied from an article).
 */
import { describe, expect, it } from "vitest";
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";

function claimKeys(text: string, title?: string): string[] {
  return analyzeArticle({ text, title }, loadAnalysisResources())
    .claims.map(
      (claim) => `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}:${claim.stance}`,
    )
    .sort();
}

/** The keys of the claims drawn from the sentence that holds `fragment`. */
function keysIn(text: string, fragment: string): string[] {
  return analyzeArticle({ text }, loadAnalysisResources())
    .claims.filter((claim) => claim.sentence.includes(fragment))
    .map((claim) => `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}:${claim.stance}`)
    .sort();
}

describe("answers to a suit of no named type", () => {
  it("gives a denial the type of the bare suit it answers, in every language", () => {
    expect(claimKeys("Reddit hat Anthropic verklagt. Anthropic wies die Vorwürfe zurück.")).toEqual(
      ["anthropic>reddit:other:denies", "reddit>anthropic:other:alleges"],
    );
    expect(
      claimKeys("Reddit a déposé plainte contre Anthropic. Anthropic conteste ces accusations."),
    ).toEqual(["anthropic>reddit:other:denies", "reddit>anthropic:other:alleges"]);
    expect(claimKeys("Reddit demandó a Anthropic. Anthropic rechazó las acusaciones.")).toEqual([
      "anthropic>reddit:other:denies",
      "reddit>anthropic:other:alleges",
    ]);
  });
});

describe("German parties in other words", () => {
  it("reads the maker described by its product as the accused object", () => {
    expect(
      claimKeys(
        "xAI wirft dem ChatGPT-Entwickler vor, Mitarbeiter abgeworben zu haben, um Geschäftsgeheimnisse zu stehlen.",
      ),
    ).toEqual(["xai>openai:trade_secret:alleges"]);
    expect(
      claimKeys("xAI beschuldigt den ChatGPT-Erfinder, Geschäftsgeheimnisse gestohlen zu haben."),
    ).toEqual(["xai>openai:trade_secret:alleges"]);
  });

  it("gives the suit to the company a person owns, not to the person", () => {
    expect(
      claimKeys(
        "Elon Musks Unternehmen xAI hat eine Klage gegen OpenAI eingereicht und wirft dem Unternehmen vor, Geschäftsgeheimnisse erlangt zu haben.",
      ),
    ).toEqual(["xai>openai:trade_secret:alleges"]);
    expect(claimKeys("Das KI-Unternehmen xAI von Elon Musk hat OpenAI verklagt.")).toEqual([
      "xai>openai:other:alleges",
    ]);
    expect(
      claimKeys(
        "La société d'Elon Musk, xAI, a porté plainte contre OpenAI pour vol de secrets commerciaux.",
      ),
    ).toEqual(["xai>openai:trade_secret:alleges"]);
  });

  it("lists a second defendant introduced with its description", () => {
    expect(
      claimKeys(
        "Reddit hat Klage gegen die KI-Suchmaschine Perplexity AI sowie den Datenanbieter SerpApi eingereicht.",
        "Reddit verklagt Perplexity",
      ),
    ).toEqual(["reddit>perplexity:other:alleges", "reddit>serpapi:other:alleges"]);
  });

  it("reads restraint of competition in other words, and a motion to dismiss as a denial", () => {
    expect(
      claimKeys(
        "xAI hat OpenAI verklagt. Zudem behauptet xAI, dass Apple mit OpenAI gemeinsame Sache gemacht habe, um den Wettbewerb einzuschränken.",
      ),
    ).toContain("xai>apple:antitrust:alleges");
    expect(
      claimKeys(
        "xAI hat OpenAI wegen Geschäftsgeheimnissen verklagt. Das ChatGPT-Unternehmen beantragte bei dem Gericht die Abweisung der Klage.",
      ),
    ).toContain("openai>xai:trade_secret:denies");
    expect(
      claimKeys(
        "xAI hat OpenAI wegen Geschäftsgeheimnissen verklagt. OpenAI bezeichnete die Vorwürfe als jüngste Belästigungstaktik.",
      ),
    ).toContain("openai>xai:other:denies");
  });
});

describe("passives that name no accuser", () => {
  it("carry on the accusation made against their subject, by the party that made it", () => {
    expect(
      claimKeys(
        "OpenAI accuse DeepSeek d'avoir copié ses modèles. DeepSeek est soupçonné d'avoir enfreint les conditions d'utilisation.",
      ),
    ).toContain("openai>deepseek:tos_violation:alleges");
    expect(
      claimKeys(
        "El New York Times demandó a OpenAI y Microsoft por derechos de autor. OpenAI y Microsoft también fueron acusados de reproducir extractos literales de artículos.",
      ),
    ).toEqual([
      "new-york-times>microsoft:copyright:alleges",
      "new-york-times>microsoft:copyright:alleges",
      "new-york-times>openai:copyright:alleges",
      "new-york-times>openai:copyright:alleges",
    ]);
    expect(
      claimKeys(
        "xAI hat OpenAI verklagt. In der Klage wird OpenAI vorgeworfen, eine unfaire Kampagne geführt zu haben, um an Geschäftsgeheimnisse zu gelangen.",
      ),
    ).toEqual(["xai>openai:trade_secret:alleges", "xai>openai:trade_secret:alleges"]);
    expect(
      claimKeys(
        "The New York Times sued OpenAI for copyright infringement. OpenAI was also accused of reproducing articles verbatim.",
      ),
    ).toEqual([
      "new-york-times>openai:copyright:alleges",
      "new-york-times>openai:copyright:alleges",
    ]);
  });

  it("stays silent when nobody accused the subject before", () => {
    expect(
      claimKeys("DeepSeek est soupçonné d'avoir enfreint les conditions d'utilisation."),
    ).toEqual([]);
  });
});

describe("French subjects and objects", () => {
  it("reads an object after 'en justice' as the defendant, not as a judge's party", () => {
    expect(claimKeys("Le New York Times a assigné en justice OpenAI et Microsoft.")).toEqual([
      "new-york-times>microsoft:other:alleges",
      "new-york-times>openai:other:alleges",
    ]);
  });

  it("lets 'il' stand for the maker described by its product in the sentence before", () => {
    expect(
      claimKeys(
        "Le créateur de ChatGPT a envoyé une note au Congrès américain. Il affirme avoir repéré des comptes liés à DeepSeek qui cherchaient à contourner ses garde-fous.",
      ),
    ).toEqual(["openai>deepseek:tos_violation:alleges"]);
  });
});

describe("hearsay with the subject after the verb", () => {
  it("carries the accusation on to the party named right after 'soll'", () => {
    expect(
      claimKeys(
        "xAI wirft OpenAI vor, Geschäftsgeheimnisse gestohlen zu haben. Zusätzlich soll OpenAI auch einen leitenden Finanzmanager abgeworben haben.",
      ),
    ).toEqual(["xai>openai:trade_secret:alleges", "xai>openai:trade_secret:alleges"]);
  });
});

describe("Portuguese appositions and passives", () => {
  it("lets a legal officer named after his title speak for the company, not beside it", () => {
    expect(
      claimKeys(
        "O Reddit processou a Anthropic por coleta de dados. O diretor jurídico do Reddit, Ben Lee, afirmou que a Anthropic lucra com as conversas dos usuários sem licença.",
      ).filter((key) => key.startsWith("ben-lee")),
    ).toEqual([]);
  });

  it("reads an adverb between the participle and 'de' in an agentless passive", () => {
    expect(
      claimKeys(
        "O Reddit processou a Anthropic por coleta de dados. A Anthropic foi acusada ainda de violar o acordo de usuário do Reddit.",
      ),
    ).toContain("reddit>anthropic:tos_violation:alleges");
  });
});

describe("Romance denials and lists", () => {
  it("reads 'says it did nothing wrong' as a denial", () => {
    expect(
      claimKeys(
        "Getty Images reproche à Stability AI d'avoir copié ses photos. Stability AI, de son côté, assure n'avoir rien fait d'illégal.",
      ),
    ).toContain("stability-ai>getty-images:copyright:denies");
    expect(
      claimKeys(
        "Getty Images acusó a Stability AI de copiar sus fotos. Stability AI asegura no haber cometido ninguna infracción.",
      ),
    ).toContain("stability-ai>getty-images:copyright:denies");
    expect(
      claimKeys(
        "A Getty Images acusou a Stability AI de copiar suas fotos. A Stability AI afirma não ter violado nenhuma lei.",
      ),
    ).toContain("stability-ai>getty-images:copyright:denies");
  });

  it("lists a second accused after 'et à', and a mission left is no theft", () => {
    expect(
      claimKeys(
        "Elon Musk reproche à OpenAI et à Sam Altman d'avoir trahi la mission initiale de l'organisation.",
      ),
    ).toEqual(["elon-musk>openai:other:alleges", "elon-musk>sam-altman:other:alleges"]);
    expect(
      claimKeys(
        "Dans sa plainte, Elon Musk accuse OpenAI de s'être détourné de sa mission à but non lucratif.",
      ),
    ).toEqual(["elon-musk>openai:other:alleges"]);
  });
});

describe("Portuguese future of hearsay", () => {
  it("carries the plaintiff's accusation on through 'terá <particípio>'", () => {
    expect(
      claimKeys(
        "O New York Times processou a OpenAI. De acordo com a acusação, a OpenAI terá recolhido os artigos sem permissão.",
      ),
    ).toEqual([
      "new-york-times>openai:copyright:alleges",
      "new-york-times>openai:copyright:alleges",
    ]);
  });
});

describe("nominal suits and accusations that name their owner", () => {
  it("reads 'la plainte de X contre Y' and its kin as X accusing Y, in fr, es, de", () => {
    expect(
      claimKeys("La plainte de Reddit contre Anthropic porte sur l'aspiration de ses données."),
    ).toEqual(["reddit>anthropic:data_scraping:alleges"]);
    expect(
      claimKeys("Las acusaciones de OpenAI contra DeepSeek se basan en la destilación."),
    ).toEqual(["openai>deepseek:distillation:alleges"]);
    expect(
      claimKeys(
        "La demanda de Disney y Universal contra Midjourney reclama daños por infracción de derechos de autor.",
      ),
    ).toEqual(["disney>midjourney:copyright:alleges", "nbcuniversal>midjourney:copyright:alleges"]);
    expect(
      claimKeys(
        "Die Klage der GEMA richtet sich gegen OpenAI, weil der Chatbot Urheberrechte verletze.",
      ),
    ).toEqual(["gema>openai:copyright:alleges"]);
  });

  it("leaves a suit named inside someone else's clause to that clause", () => {
    expect(claimKeys("Le juge a rejeté la plainte de Reddit contre Anthropic.")).toEqual([]);
  });
});

describe("French suits 'à l'encontre de'", () => {
  it("finds the accused after 'à l'encontre d'' and a day between the verb and its noun", () => {
    expect(
      claimKeys(
        "Le New York Times a lancé mercredi des poursuites à l'encontre d'OpenAI pour violation du droit d'auteur.",
      ),
    ).toEqual(["new-york-times>openai:copyright:alleges"]);
    expect(
      claimKeys(
        "OpenAI porte de nouvelles accusations à l'encontre de DeepSeek pour distillation.",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges"]);
  });
});

describe("spokespeople of the accuser", () => {
  it("gives 'the company' after a spokesperson's verb to the party accused before", () => {
    expect(
      claimKeys(
        "Reddit a porté plainte contre Anthropic pour scraping. Ben Lee, directeur juridique de Reddit, accuse la société d'avoir aspiré ses données.",
      ),
    ).toEqual(["reddit>anthropic:data_scraping:alleges", "reddit>anthropic:data_scraping:alleges"]);
    expect(
      claimKeys(
        "Reddit demandó a Anthropic por scraping. Ben Lee, director jurídico de Reddit, acusó a la empresa de eludir las protecciones técnicas de la plataforma.",
      ),
    ).toEqual(["reddit>anthropic:data_scraping:alleges", "reddit>anthropic:data_scraping:alleges"]);
  });

  it("lets a titled spokesperson with no organisation beside them speak for their own", () => {
    expect(
      claimKeys(
        "Reddit verklagt Anthropic wegen Scraping. Chefjustiziar Ben Lee sagte, Anthropic missachte die Regeln der Plattform.",
      ),
    ).toEqual(["reddit>anthropic:data_scraping:alleges", "reddit>anthropic:data_scraping:alleges"]);
    expect(
      claimKeys(
        "OpenAI acusó al New York Times de piratear ChatGPT. Ian Crosby, abogado del diario, replicó que OpenAI copió sus artículos sin permiso.",
      ),
    ).toContain("new-york-times>openai:copyright:alleges");
  });
});

describe("plural descriptions and spokespeople named by their noun", () => {
  it("gives 'the two companies' right after the verb all the parties accused last", () => {
    expect(
      claimKeys(
        "Die New York Times hat OpenAI und Microsoft verklagt. Die Zeitung wirft den beiden Unternehmen vor, ihre Artikel ohne Erlaubnis genutzt zu haben.",
      ),
    ).toEqual([
      "new-york-times>microsoft:copyright:alleges",
      "new-york-times>microsoft:copyright:alleges",
      "new-york-times>openai:copyright:alleges",
      "new-york-times>openai:copyright:alleges",
    ]);
  });

  it("reads 'un porte-parole d'X' as X speaking, so its denial answers the accuser", () => {
    expect(
      claimKeys(
        "Reddit a assigné Anthropic, l'accusant d'avoir aspiré ses messages. Un porte-parole d'Anthropic a indiqué que l'entreprise contestait les affirmations de Reddit.",
      ),
    ).toEqual(["anthropic>reddit:data_scraping:denies", "reddit>anthropic:data_scraping:alleges"]);
  });
});

describe("characterisations and motions to dismiss", () => {
  it("reads 'describes X as <a wrong>' as an accusation against X (es, fr, it)", () => {
    const expected = [
      "disney>midjourney:copyright:alleges",
      "disney>midjourney:copyright:alleges",
      "nbcuniversal>midjourney:copyright:alleges",
      "nbcuniversal>midjourney:copyright:alleges",
    ];
    expect(
      claimKeys(
        "Disney y Universal demandaron a Midjourney por infringir sus derechos de autor. Los estudios describen a la empresa como un pozo sin fondo de plagio.",
      ),
    ).toEqual(expected);
    expect(
      claimKeys(
        "Disney et Universal ont porté plainte contre Midjourney pour violation du droit d'auteur. Les studios décrivent la société comme un puits sans fond de plagiat.",
      ),
    ).toEqual(expected);
    expect(
      claimKeys(
        "Disney e Universal hanno fatto causa a Midjourney per violazione del diritto d'autore. Gli studi descrivono la società come un pozzo senza fondo di plagio.",
      ),
    ).toEqual(expected);
  });

  it("reads asking the court to dismiss the suit, or vowing to fight it, as a denial (de, es, it, pt)", () => {
    const expected = [
      "new-york-times>openai:copyright:alleges",
      "openai>new-york-times:copyright:denies",
    ];
    expect(
      claimKeys(
        "Die New York Times hat OpenAI wegen Urheberrechtsverletzungen verklagt. OpenAI beantragte beim Gericht, die Klage der New York Times abzuweisen.",
      ),
    ).toEqual(expected);
    expect(
      claimKeys(
        "El New York Times demandó a OpenAI por infringir sus derechos de autor. OpenAI pidió al tribunal que desestime la demanda del New York Times.",
      ),
    ).toEqual(expected);
    expect(
      claimKeys(
        "Il New York Times ha fatto causa a OpenAI per violazione del diritto d'autore. OpenAI ha chiesto al tribunale di respingere la causa del New York Times.",
      ),
    ).toEqual(expected);
    expect(
      claimKeys(
        "O New York Times processou a OpenAI por violação de direitos autorais. A OpenAI pediu ao tribunal que rejeite a ação do New York Times.",
      ),
    ).toEqual(expected);
    expect(
      claimKeys(
        "Reddit hat das KI-Unternehmen Anthropic wegen Scraping verklagt. Anthropic kündigte an, sich gegen die Klage zu wehren.",
      ),
    ).toEqual(["anthropic>reddit:data_scraping:denies", "reddit>anthropic:data_scraping:alleges"]);
  });

  it("does not read a description with no wrong named as an accusation", () => {
    expect(
      claimKeys(
        "El New York Times demandó a OpenAI por infringir sus derechos de autor. OpenAI describe su uso de los artículos como un uso legítimo.",
      ),
    ).toEqual(["new-york-times>openai:copyright:alleges"]);
  });
});

describe("formal notices and claims for damages", () => {
  it("reads a cease-and-desist notice and a claim for damages as accusations (fr, de, es)", () => {
    expect(
      claimKeys(
        "Reddit accuse Anthropic d'aspirer ses données. Reddit avait mis en demeure Anthropic de cesser d'aspirer ses données dès l'an dernier.",
      ),
    ).toEqual(["reddit>anthropic:data_scraping:alleges", "reddit>anthropic:data_scraping:alleges"]);
    expect(
      claimKeys(
        "Reddit hatte Anthropic bereits im vergangenen Jahr abgemahnt, weil der Crawler die Plattform massenhaft ausgelesen habe.",
      ),
    ).toEqual(["reddit>anthropic:data_scraping:alleges"]);
    expect(
      claimKeys(
        "El New York Times reclama a OpenAI y a Microsoft miles de millones de dólares por usar sus artículos sin permiso.",
      ),
    ).toEqual([
      "new-york-times>microsoft:copyright:alleges",
      "new-york-times>openai:copyright:alleges",
    ]);
  });
});

describe("nominal suits in Italian and Portuguese", () => {
  it("reads 'la causa del X contro Y' and 'a ação do X contra Y' as X accusing Y", () => {
    expect(
      claimKeys(
        "La causa del New York Times contro OpenAI riguarda la violazione del diritto d'autore.",
      ),
    ).toEqual(["new-york-times>openai:copyright:alleges"]);
    expect(
      claimKeys("A ação do New York Times contra a OpenAI trata da violação de direitos autorais."),
    ).toEqual(["new-york-times>openai:copyright:alleges"]);
  });
});

describe("French 'à son encontre' and 'attaquer … pour'", () => {
  it("reads 'à son encontre' after an accusation as the party accused before", () => {
    expect(
      claimKeys(
        "OpenAI accuse DeepSeek de distillation. OpenAI porte de graves accusations à son encontre.",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges", "openai>deepseek:distillation:alleges"]);
  });

  it("reads 'attaquent X pour <a wrong>' as a suit without 'en justice'", () => {
    expect(
      claimKeys("xAI attaque Apple et OpenAI pour violations de la loi antitrust américaine."),
    ).toEqual(["xai>apple:antitrust:alleges", "xai>openai:antitrust:alleges"]);
  });
});

describe("passives whose subject is a description", () => {
  it("gives 'the Chinese company is accused of …' to the party accused before (fr, es, de)", () => {
    const expected = [
      "openai>deepseek:distillation:alleges",
      "openai>deepseek:tos_violation:alleges",
    ];
    expect(
      claimKeys(
        "OpenAI accuse DeepSeek de distillation. L'entreprise chinoise est accusée d'avoir développé des méthodes pour contourner les restrictions d'accès.",
      ),
    ).toEqual(expected);
    expect(
      claimKeys(
        "OpenAI acusa a DeepSeek de destilación. La empresa china fue acusada de eludir las restricciones de acceso con enrutadores de terceros.",
      ),
    ).toEqual(expected);
    expect(
      claimKeys(
        "OpenAI wirft DeepSeek Destillation vor. Dem chinesischen Start-up wird zudem vorgeworfen, Zugangsbeschränkungen umgangen zu haben.",
      ),
    ).toEqual(expected);
  });

  it("gives a plural description all the parties accused before", () => {
    expect(
      claimKeys(
        "Anthropic accuse DeepSeek, Moonshot AI et MiniMax de distillation. Les trois laboratoires sont accusés d'avoir contourné les restrictions d'accès.",
      ),
    ).toEqual([
      "anthropic>deepseek:distillation:alleges",
      "anthropic>deepseek:tos_violation:alleges",
      "anthropic>minimax:distillation:alleges",
      "anthropic>minimax:tos_violation:alleges",
      "anthropic>moonshot-ai:distillation:alleges",
      "anthropic>moonshot-ai:tos_violation:alleges",
    ]);
  });
});

describe("a described party", () => {
  it("does not take the noun before a known name ('das KI-Unternehmen Anthropic') for the accused", () => {
    expect(
      claimKeys(
        "Die Online-Plattform Reddit verklagt das KI-Unternehmen Anthropic. Reddit wirft dem KI-Unternehmen vor, Beiträge ohne Lizenz abgegriffen zu haben.",
      ).every((key) => key.startsWith("reddit>anthropic:")),
    ).toBe(true);
  });
});

describe("plural object pronouns and dropped subjects", () => {
  it("gives 'Il leur reproche' and 'Les acusa' all the parties accused before", () => {
    const expected = [
      "elon-musk>openai:other:alleges",
      "elon-musk>openai:other:alleges",
      "elon-musk>sam-altman:other:alleges",
      "elon-musk>sam-altman:other:alleges",
    ];
    expect(
      claimKeys(
        "Elon Musk a déposé plainte contre OpenAI et Sam Altman. Il leur reproche d'avoir abandonné la mission originelle de l'organisation.",
      ),
    ).toEqual(expected);
    expect(
      claimKeys(
        "Elon Musk demandó a OpenAI y a Sam Altman. Les acusa de haber traicionado la misión original de la organización.",
      ),
    ).toEqual(expected);
  });

  it("keeps a singular pronoun on the one party accused before", () => {
    expect(
      claimKeys(
        "Reddit a porté plainte contre Anthropic. Il lui reproche d'avoir aspiré ses données.",
      ),
    ).toEqual(["reddit>anthropic:data_scraping:alleges", "reddit>anthropic:data_scraping:alleges"]);
  });
});

describe("an accusation and its denial in one sentence", () => {
  it("gives the accuser's claim and the accused's denial, each with its stance", () => {
    const both = ["deepseek>openai:distillation:denies", "openai>deepseek:distillation:alleges"];
    expect(
      claimKeys("OpenAI accuse DeepSeek d'avoir distillé ses modèles ; DeepSeek dément."),
    ).toEqual(both);
    expect(
      claimKeys(
        "OpenAI wirft DeepSeek vor, seine Modelle destilliert zu haben, DeepSeek bestreitet das.",
      ),
    ).toEqual(both);
    expect(
      claimKeys("OpenAI acusa a DeepSeek de destilar sus modelos, algo que DeepSeek niega."),
    ).toEqual(both);
    expect(
      claimKeys("OpenAI accusa DeepSeek di aver distillato i suoi modelli, ma DeepSeek smentisce."),
    ).toEqual(both);
    expect(
      claimKeys("A OpenAI acusa a DeepSeek de destilar os seus modelos; a DeepSeek nega."),
    ).toEqual(both);
  });

  it("reads a description after a semicolon as the accused denying, and the Portuguese answer to the clause's accuser", () => {
    expect(
      claimKeys(
        "David Sacks a affirmé que DeepSeek avait distillé les modèles d'OpenAI ; la start-up chinoise a toujours rejeté ces accusations.",
      ),
    ).toEqual([
      "david-sacks>deepseek:distillation:alleges",
      "deepseek>david-sacks:distillation:denies",
    ]);
    const keys = claimKeys(
      "A Sony Music processou a Suno por violação de direitos autorais. A RIAA acusa a Suno de copiar gravações protegidas; a Suno nega.",
    );
    expect(keys).toContain("suno>riaa:copyright:denies");
    expect(keys).not.toContain("suno>sony-music:copyright:denies");
    // The denial answers every type the accusation before it carries (here one from the headline).
    expect(
      claimKeys(
        "A RIAA acusa a Suno de copiar gravações e de violar os termos de uso das plataformas; a Suno nega.",
        "Gravadoras acusam a Suno de violar direitos autorais",
      ),
    ).toEqual([
      "riaa>suno:copyright:alleges",
      "riaa>suno:tos_violation:alleges",
      "suno>riaa:copyright:denies",
      "suno>riaa:tos_violation:denies",
    ]);
  });

  it("keeps a speaker's own denial when no accusation opens the sentence", () => {
    expect(
      claimKeys(
        "Reddit verklagt Anthropic wegen Scraping. Ein Sprecher von Anthropic sagte, man teile die Auffassung von Reddit nicht und werde sich verteidigen.",
      ),
    ).not.toContain("reddit>anthropic:data_scraping:denies");
  });
});

describe("list members that carry a description or a title", () => {
  it("keeps a member after a description of the first set off by commas", () => {
    expect(
      claimKeys(
        "Elon Musk a porté plainte à l'encontre d'OpenAI, le concepteur de ChatGPT, ainsi que de Microsoft, son premier actionnaire.",
      ),
    ).toEqual(["elon-musk>microsoft:other:alleges", "elon-musk>openai:other:alleges"]);
  });

  it("lists people introduced by a possessive and their title", () => {
    const three = [
      "elon-musk>greg-brockman:other:alleges",
      "elon-musk>openai:other:alleges",
      "elon-musk>sam-altman:other:alleges",
    ];
    expect(
      claimKeys(
        "Elon Musk a porté plainte contre OpenAI et ses cofondateurs Sam Altman et Greg Brockman.",
      ),
    ).toEqual(three);
    expect(
      claimKeys(
        "Elon Musk reproche à OpenAI, ainsi qu'à ses dirigeants Sam Altman et Greg Brockman, d'avoir trahi la mission de l'organisation.",
      ),
    ).toEqual(three);
    const two = ["elon-musk>openai:other:alleges", "elon-musk>sam-altman:other:alleges"];
    expect(claimKeys("Elon Musk verklagt OpenAI sowie dessen Chef Sam Altman.")).toEqual(two);
    expect(
      claimKeys("Elon Musk demandó a OpenAI, así como a su director ejecutivo Sam Altman."),
    ).toEqual(two);
    expect(
      claimKeys(
        "Elon Musk ha fatto causa a OpenAI, nonché al suo amministratore delegato Sam Altman.",
      ),
    ).toEqual(two);
    expect(
      claimKeys("Elon Musk processou a OpenAI, bem como o seu presidente executivo Sam Altman."),
    ).toEqual(two);
  });

  it("does not list a lawyer who speaks for the accused", () => {
    expect(
      claimKeys("Elon Musk verklagt OpenAI und dessen Anwalt Sam Altman wegen Vertragsbruchs."),
    ).toEqual(["elon-musk>openai:other:alleges"]);
  });
});

describe("a second wrong in a coordinated clause, and clitic objects", () => {
  it("reads both wrongs of 'de destilar … y de saltarse las restricciones de acceso'", () => {
    expect(
      claimKeys(
        "OpenAI acusa a DeepSeek de destilar sus modelos y de saltarse las restricciones de acceso.",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges", "openai>deepseek:tos_violation:alleges"]);
    expect(
      claimKeys(
        "OpenAI wirft DeepSeek vor, Antworten seiner Modelle abgegriffen und gegen die Nutzervereinbarung verstoßen zu haben.",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges", "openai>deepseek:tos_violation:alleges"]);
  });

  it("gives a clitic object inside or before the verb the parties sued before, with competition law as antitrust", () => {
    const both = ["elon-musk>microsoft:antitrust:alleges", "elon-musk>openai:antitrust:alleges"];
    expect(
      claimKeys(
        "Elon Musk demandó a OpenAI y a Microsoft, acusándolos de violar las leyes de competencia.",
      ),
    ).toEqual(both);
    expect(
      keysIn(
        "Elon Musk processou a OpenAI e a Microsoft. Acusa-os de violar as leis da concorrência.",
        "Acusa-os",
      ),
    ).toEqual(both);
    expect(
      keysIn(
        "Elon Musk ha fatto causa a OpenAI e a Microsoft. Li accusa di violare le norme sulla concorrenza.",
        "Li accusa",
      ),
    ).toEqual(both);
    expect(
      claimKeys(
        "Elon Musk a porté plainte contre OpenAI pour violation des règles de concurrence.",
      ),
    ).toEqual(["elon-musk>openai:antitrust:alleges"]);
  });
});

describe("Spanish co-plaintiffs with an article and a plural description of them", () => {
  it("gives 'A y el B demandaron a C' and 'Los editores acusan a C' to both plaintiffs", () => {
    const keys = claimKeys(
      "Dow Jones y el New York Post presentaron una demanda contra Perplexity por derechos de autor. Los editores acusan también a Perplexity de rastrear sus sitios con bots.",
    );
    expect(keys).toContain("new-york-post>perplexity:copyright:alleges");
    expect(keys).toContain("dow-jones>perplexity:data_scraping:alleges");
    expect(keys).toContain("new-york-post>perplexity:data_scraping:alleges");
  });
});

describe("German words that name a kind of wrong", () => {
  it("reads distorted competition, unfair competition and market dominance as antitrust", () => {
    expect(claimKeys("xAI wirft Apple eine Wettbewerbsverzerrung im App Store vor.")).toEqual([
      "xai>apple:antitrust:alleges",
    ]);
    expect(
      claimKeys("xAI hat Apple wegen unlauteren Wettbewerbs und Marktdominanz verklagt."),
    ).toEqual(["xai>apple:antitrust:alleges"]);
    expect(claimKeys("xAI wirft Apple vor, den Wettbewerb gezielt zu verhindern.")).toEqual([
      "xai>apple:antitrust:alleges",
    ]);
  });

  it("reads company secrets, betrayal of secrets and industrial spying as trade secrets", () => {
    expect(
      claimKeys(
        "xAI wirft OpenAI vor, über frühere Mitarbeiter an Firmengeheimnisse gelangt zu sein.",
      ),
    ).toEqual(["xai>openai:trade_secret:alleges"]);
    expect(claimKeys("xAI beschuldigt OpenAI der Wirtschaftsspionage.")).toEqual([
      "xai>openai:trade_secret:alleges",
    ]);
    expect(
      claimKeys(
        "xAI wirft OpenAI vor, Angestellte zum Bruch ihrer Vertraulichkeitsvereinbarungen angestiftet zu haben.",
      ),
    ).toEqual(["xai>openai:trade_secret:alleges"]);
  });

  it("reads data scraping written as one word, and the transfer of user data, by their types", () => {
    expect(claimKeys("Reddit wirft Perplexity massenhaftes Datenscraping vor.")).toEqual([
      "reddit>perplexity:data_scraping:alleges",
    ]);
    expect(
      claimKeys(
        "Die italienische Behörde Garante wirft DeepSeek die Übermittlung von Nutzerdaten vor.",
      ),
    ).toEqual(["italian-garante>deepseek:privacy:alleges"]);
  });

  it("reads export hurdles and embargoes as export controls", () => {
    expect(
      claimKeys(
        "Die US-Regierung wirft DeepSeek vor, das Embargo für Nvidia-Chips umgangen zu haben.",
      ),
    ).toEqual(["united-states>deepseek:export_control:alleges"]);
  });

  it("adds the trademark wrong beside copyright when marks are said to be infringed", () => {
    expect(
      claimKeys(
        "Getty Images wirft Stability AI vor, Urheberrechte verletzt und seine Markenzeichen in Bildern nachgebildet zu haben.",
      ),
    ).toEqual([
      "getty-images>stability-ai:copyright:alleges",
      "getty-images>stability-ai:other:alleges",
    ]);
  });
});

describe("French words that name a kind of wrong", () => {
  it("reads industrial spying and confidentiality agreements as trade secrets, not security", () => {
    expect(claimKeys("xAI accuse OpenAI d'espionnage industriel.")).toEqual([
      "xai>openai:trade_secret:alleges",
    ]);
    expect(
      claimKeys(
        "xAI accuse OpenAI d'avoir poussé ses anciens salariés à rompre leurs accords de confidentialité.",
      ),
    ).toEqual(["xai>openai:trade_secret:alleges"]);
  });

  it("reads plagiarism and unauthorised use of content as copyright", () => {
    expect(claimKeys("Le New York Times accuse OpenAI de plagier ses articles.")).toEqual([
      "new-york-times>openai:copyright:alleges",
    ]);
    expect(
      claimKeys(
        "Le Syndicat national de l'édition reproche à OpenAI l'exploitation non autorisée de leurs livres.",
      ),
    ).toEqual(["sne>openai:copyright:alleges"]);
  });

  it("reads a dominant position and hindered competition as antitrust", () => {
    expect(claimKeys("xAI accuse Apple et OpenAI de freiner la concurrence.")).toEqual([
      "xai>apple:antitrust:alleges",
      "xai>openai:antitrust:alleges",
    ]);
    expect(claimKeys("xAI accuse Apple d'abuser de sa position dominante.")).toEqual([
      "xai>apple:antitrust:alleges",
    ]);
  });

  it("reads data processing, privacy policies, extraction and embargoes by their types", () => {
    expect(
      claimKeys("La CNIL reproche à DeepSeek le traitement des données des utilisateurs."),
    ).toEqual(["cnil>deepseek:privacy:alleges"]);
    expect(
      claimKeys("Reddit accuse Perplexity d'extraire des milliards de publications de ses pages."),
    ).toEqual(["reddit>perplexity:data_scraping:alleges"]);
    expect(
      claimKeys(
        "Le département du Commerce accuse DeepSeek d'avoir contourné l'embargo sur les puces Nvidia.",
      ),
    ).toEqual(["us-commerce-department>deepseek:export_control:alleges"]);
  });
});
