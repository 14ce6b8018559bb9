/**
 * English and Vietnamese claim constructions seen in reporting on AI disputes, on sentences
 * written for these tests (never copied from an article).
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

describe("English reporting verbs after 'the company'", () => {
  it("reads 'the company claims that' as the company speaking", () => {
    expect(
      claimKeys(
        "OpenAI published its findings on Monday.\n\nThe company claims that DeepSeek used thousands of fake accounts to pull answers out of its models.",
      ),
      // Fake accounts tell a breach of the terms beside the distillation.
    ).toEqual(["openai>deepseek:distillation:alleges", "openai>deepseek:tos_violation:alleges"]);
  });

  it("reads 'the company alleged that' as an accusation, not as 'the alleged …'", () => {
    expect(
      claimKeys(
        "Reddit went to court on Wednesday.\n\nThe company alleged that Anthropic scraped its forums for years.",
      ),
    ).toEqual(["reddit>anthropic:data_scraping:alleges"]);
  });

  it("does not read staff who 'wrote code' as speaking", () => {
    const keys = claimKeys(
      "OpenAI also claims that DeepSeek staff wrote code to pull answers out of US models automatically.",
      "OpenAI says DeepSeek distilled its models",
    );
    expect(keys).toContain("openai>deepseek:distillation:alleges");
    expect(keys.some((key) => key.startsWith("deepseek>"))).toBe(false);
  });
});

describe("types told in other words", () => {
  it("reads copying a model's abilities as distillation, in English and Vietnamese", () => {
    expect(
      claimKeys(
        "OpenAI accused DeepSeek of copying the abilities of American models to build its own.",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges"]);
    expect(
      claimKeys("OpenAI tố DeepSeek tìm cách sao chép năng lực của các mô hình AI Mỹ."),
    ).toEqual(["openai>deepseek:distillation:alleges"]);
  });

  it("reads collecting users' posts as scraping", () => {
    expect(
      claimKeys(
        "Reddit has sued Anthropic, alleging that the startup kept collecting users' posts.",
      ),
    ).toEqual(["reddit>anthropic:data_scraping:alleges"]);
  });

  it("reads articles used to train a chatbot without payment as copyright (vi)", () => {
    expect(
      claimKeys(
        "New York Times đưa ra cáo buộc rằng cả OpenAI và Microsoft đã dùng hàng triệu bài báo của tờ này để huấn luyện chatbot mà không trả tiền.",
      ),
    ).toEqual([
      "new-york-times>microsoft:copyright:alleges",
      "new-york-times>openai:copyright:alleges",
    ]);
  });

  it("adds the headline's type when the sentence tells it in other words beside its own", () => {
    const title = "OpenAI says DeepSeek distilled its models";
    const text =
      "OpenAI said accounts tied to DeepSeek used fraudulent accounts to query its models, in breach of its terms of use.";
    expect(claimKeys(text, title)).toEqual([
      "openai>deepseek:distillation:alleges",
      "openai>deepseek:tos_violation:alleges",
    ]);
    // Without the headline the sentence keeps its one named type.
    expect(claimKeys(text)).toEqual(["openai>deepseek:tos_violation:alleges"]);
  });

  it("does not add the headline's type to a denial", () => {
    const keys = claimKeys(
      "DeepSeek khẳng định mô hình R1 không học bằng cách sao chép dữ liệu do OpenAI tạo ra.",
      "DeepSeek phủ nhận sao chép OpenAI",
    );
    expect(keys.filter((key) => key.endsWith(":denies"))).toEqual([
      "deepseek>openai:distillation:denies",
    ]);
  });
});

describe("answers to accusations typed only from context", () => {
  it("gives a denial the type its accusation took from the sentence after", () => {
    expect(
      claimKeys(
        "Reddit sued Anthropic on Wednesday.\n\nThe suit says the startup kept collecting users' posts.\n\nAnthropic said it disagreed with Reddit's claims and would defend itself.",
      ),
    ).toContain("anthropic>reddit:data_scraping:denies");
  });

  it("keeps a denial of an accusation whose type is unknown", () => {
    expect(
      claimKeys("New York Times kiện OpenAI và Microsoft.\n\nOpenAI bác bỏ cáo buộc của tờ báo."),
    ).toContain("openai>new-york-times:other:denies");
  });
});

describe("'according to the company' and facing accusations", () => {
  it("reads 'theo hãng này' and 'according to the company' as the party the article is about", () => {
    expect(
      claimKeys(
        "OpenAI công bố báo cáo hôm thứ Hai.\n\nTheo hãng này, DeepSeek đã dùng các tài khoản gian lận.",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges", "openai>deepseek:tos_violation:alleges"]);
    expect(
      claimKeys(
        "OpenAI published a report on Monday.\n\nAccording to the company, DeepSeek used fraudulent accounts to query ChatGPT.",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges", "openai>deepseek:tos_violation:alleges"]);
  });

  it("reads 'đối mặt với cáo buộc từ X' as X accusing the subject", () => {
    expect(
      claimKeys(
        "DeepSeek đang phải đối mặt với cáo buộc từ OpenAI rằng họ đã sao chép năng lực của ChatGPT.",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges"]);
  });
});

describe("denials by motion and by name-calling", () => {
  const sued = "The New York Times sued OpenAI for copyright infringement last month.\n\n";
  it("reads asking a judge to throw out a suit, or calling the claims false, as a denial", () => {
    expect(
      claimKeys(
        `${sued}OpenAI has asked a federal judge to throw out the lawsuit from the Times, calling the claims false and unsubstantiated.`,
      ),
    ).toEqual([
      "new-york-times>openai:copyright:alleges",
      "openai>new-york-times:copyright:denies",
    ]);
    expect(claimKeys(`${sued}OpenAI moved to dismiss the case on Thursday.`)).toContain(
      "openai>new-york-times:copyright:denies",
    );
  });

  it("reads a filing calling the suit baseless as a denial, not as the accused suing", () => {
    expect(
      claimKeys(
        `${sued}OpenAI's lawyers said in a court filing that the Times had brought a groundless lawsuit.`,
      ),
    ).toEqual([
      "new-york-times>openai:copyright:alleges",
      "openai>new-york-times:copyright:denies",
    ]);
  });

  it("reads asking the court to dismiss the suit as a denial (vi)", () => {
    expect(
      claimKeys(
        "Reddit kiện Anthropic vì thu thập dữ liệu trái phép.\n\nAnthropic đã đề nghị tòa bác đơn kiện của Reddit.",
      ),
    ).toEqual(["anthropic>reddit:data_scraping:denies", "reddit>anthropic:data_scraping:alleges"]);
  });
});

describe("'accusing it' after an accuser whose name holds a country", () => {
  it("does not take the country inside the accuser's phrase for 'công ty này'", () => {
    const keys = claimKeys(
      "DeepSeek ra mắt mô hình R1 hồi tháng 1.\n\nTrước đó, Ủy ban Đặc biệt về Trung Quốc của Hạ viện Mỹ đã cáo buộc công ty này chuyển dữ liệu người dùng về Trung Quốc.",
    );
    expect(keys).toEqual(["house-select-committee-on-china>deepseek:security:alleges"]);
  });

  it("does not take a co-plaintiff listed with the accuser for 'the company'", () => {
    const keys = claimKeys(
      "Anthropic agreed to pay authors $1.5 billion.\n\nThe case was brought in 2024 by the novelist Andrea Bartz and the writers Charles Graeber and Kirk Wallace Johnson, who accused the company of training Claude on pirated books.",
    );
    expect(keys.some((key) => key.endsWith(">kirk-wallace-johnson:copyright:alleges"))).toBe(false);
  });

  it("still reads 'sued X, accusing it of' as X", () => {
    expect(
      claimKeys("Reddit sued Anthropic on Wednesday, accusing it of scraping the site for years."),
    ).toEqual(["reddit>anthropic:data_scraping:alleges"]);
  });
});

describe("evidence of an unnamed wrong", () => {
  it("reads 'had evidence that X used its models' as an accusation typed by the headline", () => {
    expect(
      claimKeys(
        "OpenAI said on Wednesday it had evidence that DeepSeek used its models.",
        "OpenAI says DeepSeek distilled its models",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges"]);
    expect(
      claimKeys(
        "OpenAI cho biết có bằng chứng cho thấy DeepSeek đã dùng các mô hình của hãng.",
        "OpenAI cáo buộc DeepSeek chưng cất mô hình",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges"]);
  });
});

describe("the accused speaking inside a clause of time", () => {
  it("keeps the accuser's claim when the accused 'said' after 'long after'", () => {
    expect(
      claimKeys(
        "Reddit says Anthropic's crawlers kept harvesting posts from its site long after Anthropic said they had stopped.",
      ),
    ).toEqual(["reddit>anthropic:data_scraping:alleges"]);
  });

  it("still lets a party in a 'while' clause speak for itself (vi)", () => {
    const keys = claimKeys(
      "OpenAI cho biết đã thấy dấu hiệu DeepSeek dùng đầu ra từ các mô hình của mình để huấn luyện đối thủ, trong khi Microsoft đang điều tra vụ việc.",
    );
    expect(keys).toContain("openai>deepseek:distillation:alleges");
    expect(keys.some((key) => key.startsWith("openai>microsoft"))).toBe(false);
  });
});

describe("a party to the suit that is itself an outlet", () => {
  it("lets the newspaper's lawyers speak for it, and 'the paper says' inside a clause", () => {
    const keys = claimKeys(
      "Lawyers for The New York Times told a judge on Monday that OpenAI had trained its chatbot on the newspaper's stories.\n\nThe brief lists answers that the paper says repeat its reporting word for word.",
    );
    expect(keys).toContain("new-york-times>openai:copyright:alleges");
  });

  it("reads 'according to the complaint,' with a comma as the plaintiff speaking", () => {
    expect(
      claimKeys(
        "The New York Times sued OpenAI in Manhattan.\n\nAccording to the complaint, OpenAI copied the paper's archive wholesale.",
      ),
    ).toContain("new-york-times>openai:copyright:alleges");
    expect(
      claimKeys(
        "New York Times kiện OpenAI tại Manhattan.\n\nTheo đơn kiện, OpenAI đã sao chép toàn bộ kho lưu trữ của tờ báo.",
      ),
    ).toContain("new-york-times>openai:copyright:alleges");
  });

  it("reads 'OpenAI said the Times paid someone to hack' as OpenAI accusing the Times", () => {
    const keys = claimKeys(
      "The New York Times sued OpenAI.\n\nIn a court filing on Monday, OpenAI said the Times had paid someone to hack its products.",
    );
    expect(keys).toContain("openai>new-york-times:other:alleges");
  });

  it("reads a counter-accusation against 'the newspaper' as the defendant accusing it", () => {
    const keys = claimKeys(
      "The New York Times sued OpenAI.\n\nOpenAI's lawyers countered that the newspaper had hired someone to hack ChatGPT.",
    );
    expect(keys).toContain("openai>new-york-times:other:alleges");
  });
});

describe("who speaks: titles, surnames, unnamed groups", () => {
  it("gives a lawyer 'representing the publishers' to the plaintiffs (vi)", () => {
    expect(
      claimKeys(
        "Universal Music Group đã kiện Anthropic vì vi phạm bản quyền lời bài hát.\n\nLuật sư Lan Chi, đại diện các nhà xuất bản, nói rằng Anthropic đã dùng lời bài hát mà không trả tiền.",
      ).filter((key) => !key.startsWith("universal-music-group>anthropic:copyright")),
    ).toEqual([]);
    expect(
      claimKeys(
        "Universal Music Group đã kiện Anthropic vì vi phạm bản quyền lời bài hát.\n\nLuật sư Lan Chi, đại diện các nhà xuất bản, nói rằng Anthropic đã dùng lời bài hát mà không trả tiền.",
      ),
    ).toContain("universal-music-group>anthropic:copyright:alleges");
  });

  it("reads a surname alone as the person named in full before", () => {
    expect(
      claimKeys(
        "Anthropic chief executive Dario Amodei spoke at a conference on Monday.\n\nAmodei said DeepSeek had broken Anthropic's terms of service.",
      ),
    ).toEqual(["dario-amodei>deepseek:tos_violation:alleges"]);
  });

  it("does not give an unnamed group ('các hãng đĩa lớn') to the party named before", () => {
    expect(
      claimKeys(
        "Universal Music Group đã kiện Anthropic vì vi phạm bản quyền.\n\nNăm 2024, các hãng đĩa lớn kiện hai startup Suno và Udio với cáo buộc tương tự.",
      ),
    ).toEqual(["universal-music-group>anthropic:copyright:alleges"]);
  });

  it("does not list the employer in an apposition as a second speaker", () => {
    const keys = claimKeys(
      "OpenAI accused DeepSeek of distillation.\n\nDavid Sacks, the White House adviser on AI, said there was evidence that the Chinese lab had distilled knowledge out of OpenAI's models.",
    );
    expect(keys).toContain("david-sacks>deepseek:distillation:alleges");
    expect(keys.some((key) => key.startsWith("white-house>"))).toBe(false);
  });
});

describe("whom a denial answers", () => {
  it("answers the accuser even when the denier's own model is named after the verb (vi)", () => {
    expect(
      claimKeys(
        "Universal Music Group kiện Anthropic vì vi phạm bản quyền lời bài hát.\n\nVài tuần sau, hãng này phản bác trong hồ sơ gửi tòa, cho rằng việc Claude lặp lại lời bài hát là lỗi hiếm gặp.",
      ),
    ).toContain("anthropic>universal-music-group:copyright:denies");
  });

  it("answers the accuser, not the outlet that relayed the accusation (vi)", () => {
    const keys = claimKeys(
      "Anthropic cáo buộc OpenAI vi phạm điều khoản dịch vụ khi dùng Claude.\n\nTheo Wired, các kỹ sư OpenAI đã vi phạm điều khoản của Anthropic.\n\nOpenAI bác bỏ cáo buộc.",
    );
    expect(keys).toContain("openai>anthropic:tos_violation:denies");
    expect(keys.some((key) => key.startsWith("openai>wired"))).toBe(false);
  });
});

describe("a passive with several accusers (vi)", () => {
  it("reads 'bị X và nhiều tờ báo khác kiện' as X suing", () => {
    expect(
      claimKeys(
        "Chính OpenAI cũng đang bị New York Times và nhiều tờ báo khác kiện vì dùng bài viết của họ để huấn luyện ChatGPT mà không xin phép.",
      ),
    ).toEqual(["new-york-times>openai:copyright:alleges"]);
  });

  it("still needs the accusing verb after the agent", () => {
    expect(claimKeys("OpenAI bị New York Times và nhiều tờ báo khác chú ý.")).toEqual([]);
  });
});

describe("fighting a suit", () => {
  it("reads 'is fighting lawsuits from X' as X's accusation and the subject's denial", () => {
    expect(
      claimKeys(
        "OpenAI is fighting lawsuits from The New York Times, which says the company copied its articles.",
      ),
    ).toEqual([
      "new-york-times>openai:copyright:alleges",
      "openai>new-york-times:copyright:denies",
    ]);
  });

  it("keeps 'faces a suit from X' an accusation only", () => {
    const keys = claimKeys("Perplexity is facing a lawsuit from Reddit over data scraping.");
    expect(keys.some((key) => key.startsWith("perplexity>"))).toBe(false);
  });
});

describe("speakers after the clause, kinds of party, denials by comparison (round two)", () => {
  it("reads '…, Anthropic said in a blog post' as Anthropic accusing the names before the comma", () => {
    const keys = claimKeys(
      "Anthropic published its findings on Monday.\n\nDeepSeek and MiniMax opened thousands of fake accounts to pull out Claude's abilities, Anthropic said in a blog post.",
    );
    expect(keys).toContain("anthropic>deepseek:distillation:alleges");
    expect(keys).toContain("anthropic>minimax:distillation:alleges");
    expect(keys.some((key) => key.startsWith("deepseek>"))).toBe(false);
  });

  it("reads '…, the labels said' as the labels that sued, not the subject of the clause", () => {
    const keys = claimKeys(
      "Sony Music and Universal Music sued Suno in June.\n\nSuno, a start-up from Boston, copied thousands of recordings to train its model, the labels said.",
    );
    expect(keys).toContain("sony-music>suno:copyright:alleges");
    expect(keys.some((key) => key.startsWith("suno>"))).toBe(false);
  });

  it("reads 'the start-up said' after a suit by a publisher as the start-up answering", () => {
    expect(
      claimKeys(
        "Dow Jones sued Perplexity on Monday, accusing it of copying articles.\n\nThe start-up said in a statement that it does not train models on publishers' articles.",
      ),
    ).toContain("perplexity>dow-jones:copyright:denies");
  });

  it("reads 'the Chinese company' and 'công ty Trung Quốc' as the Chinese party", () => {
    expect(
      claimKeys(
        "OpenAI accused DeepSeek of distilling its models.\n\nThe Chinese company said its model was developed independently.",
      ),
    ).toContain("deepseek>openai:distillation:denies");
    expect(
      claimKeys(
        "OpenAI cáo buộc DeepSeek chưng cất mô hình của mình.\n\nCông ty Trung Quốc khẳng định mô hình của họ được phát triển độc lập.",
      ),
    ).toContain("deepseek>openai:distillation:denies");
  });

  it("keeps 'never paid for the articles' an accusation of copying", () => {
    const keys = claimKeys(
      "The New York Times sued OpenAI.\n\nThe Times says OpenAI never paid for the articles it used to train ChatGPT.",
    );
    expect(keys).toContain("new-york-times>openai:copyright:alleges");
    expect(keys.some((key) => key.endsWith(":denies"))).toBe(false);
  });

  it("reads a suit compared to a failed campaign, or called a desperate attempt, as a denial", () => {
    expect(
      claimKeys(
        "The New York Times sued OpenAI and Microsoft for copyright infringement.\n\nMicrosoft compared the suit to the old campaign against the VCR.",
      ),
    ).toContain("microsoft>new-york-times:copyright:denies");
    expect(
      claimKeys(
        "New York Times kiện OpenAI và Microsoft vì vi phạm bản quyền.\n\nMicrosoft thì so sánh vụ kiện với chiến dịch thất bại chống lại đầu máy video.",
      ),
    ).toContain("microsoft>new-york-times:copyright:denies");
    expect(
      claimKeys(
        "Musk sued OpenAI over its for-profit plans.\n\nOpenAI called the suit a desperate attempt to slow down a rival.",
      ),
    ).toContain("openai>elon-musk:other:denies");
  });

  it("reads 'the chatbot' as the maker of the chatbot named before", () => {
    expect(
      claimKeys(
        "The Authors Guild sued OpenAI on behalf of writers including George R.R. Martin.\n\nGeorge R.R. Martin has said the chatbot copied his books without his permission.",
      ),
    ).toContain("george-rr-martin>openai:copyright:alleges");
  });

  it("passes over a relative clause between the subject and its verb", () => {
    const text =
      "The Authors Guild has sued OpenAI, accusing the ChatGPT maker of copying books.\n\nThe plaintiffs include George R.R. Martin, John Grisham and Jodi Picoult.\n\nThe writers say OpenAI copied the books from pirate websites.\n\nMartin, whose novels became a television series, has said the chatbot wrote a sequel to his books without his permission.";
    const keys = analyzeArticle({ text }, loadAnalysisResources())
      .claims.filter((claim) => claim.sentence.startsWith("Martin, whose"))
      .map((claim) => `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}:${claim.stance}`);
    expect(keys).toEqual(["george-rr-martin>openai:copyright:alleges"]);
  });

  it("reads a report of what an observer spotted as the outlet reporting on the one spotted", () => {
    const keys = claimKeys(
      "OpenAI said it had evidence of distillation.\n\nBloomberg News reported that Microsoft's security team had spotted people tied to DeepSeek downloading large volumes of output through OpenAI's interface.",
    );
    expect(keys).toContain("bloomberg>deepseek:distillation:reports");
    expect(keys.some((key) => key.includes(">microsoft:"))).toBe(false);
  });

  it("lists a second accuser after the first one's apposition, in English and Vietnamese", () => {
    expect(
      claimKeys(
        "Dow Jones, the publisher of The Wall Street Journal, and the New York Post have sued Perplexity, accusing the start-up of copying their journalism.",
      ),
    ).toEqual([
      "dow-jones>perplexity:copyright:alleges",
      "new-york-post>perplexity:copyright:alleges",
    ]);
    expect(
      claimKeys(
        "Dow Jones, đơn vị xuất bản Wall Street Journal, cùng tờ New York Post đã kiện Perplexity, cáo buộc startup này sao chép nội dung báo chí.",
      ),
    ).toEqual([
      "dow-jones>perplexity:copyright:alleges",
      "new-york-post>perplexity:copyright:alleges",
    ]);
  });

  it("keeps a person's employer in apposition out of the accusers", () => {
    const keys = claimKeys(
      "David Sacks, the White House adviser on AI, and others said DeepSeek copied the models of OpenAI.",
    );
    expect(keys.some((key) => key.startsWith("white-house>"))).toBe(false);
  });

  it("reads 'có liên hệ với DeepSeek' in a report as a tie, not a listener", () => {
    const keys = claimKeys(
      "OpenAI cáo buộc DeepSeek chưng cất mô hình.\n\nBloomberg đưa tin các nhà nghiên cứu của Microsoft phát hiện một số cá nhân có liên hệ với DeepSeek tải lượng lớn dữ liệu qua giao diện lập trình của OpenAI.",
    );
    expect(keys).toContain("bloomberg>deepseek:distillation:reports");
    expect(keys.some((key) => key.includes(">microsoft:"))).toBe(false);
  });

  it("answers every accusing company when a denial names them by a plural description", () => {
    const keys = claimKeys(
      "Sony Music and Warner Music Group sued Udio, accusing it of copying their recordings.\n\nThe Recording Industry Association of America said Udio had copied the songs without paying for them.\n\nUdio denied the labels' claims.",
    );
    expect(keys).toContain("udio>sony-music:copyright:denies");
    expect(keys).toContain("udio>warner-music-group:copyright:denies");
  });

  it("reads recordings used to train a model without permission as copyright (vi)", () => {
    expect(
      claimKeys(
        "Sony Music đã kiện Suno, cáo buộc công ty này dùng các bản thu âm của hãng để huấn luyện mô hình mà không xin phép.",
      ),
    ).toEqual(["sony-music>suno:copyright:alleges"]);
  });

  it("reads 'đạo bài viết' as copyright", () => {
    expect(
      claimKeys(
        "Dow Jones kiện startup AI Perplexity vì vi phạm bản quyền.\n\nTrước đó, Forbes cũng cáo buộc Perplexity đạo bài viết của mình.",
      ),
    ).toContain("forbes>perplexity:copyright:alleges");
  });
});
