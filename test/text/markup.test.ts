import { describe, expect, it } from "vitest";
import { inner, markup, Markup, safeHref } from "@/lib/text/markup";

describe("markup written as strings", () => {
  it("escapes every value in text and in quoted attributes", () => {
    const hostile = `"><script>alert('x')</script>&amp;`;
    const out = markup`<a href="/search?q=${hostile}" title="${hostile}">${hostile}</a>`.html;
    expect(out).not.toContain("<script>");
    expect(out).not.toContain(`"><`);
    expect(out).toBe(
      '<a href="/search?q=&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;" ' +
        'title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;">' +
        "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;</a>",
    );
  });

  it("puts markup, lists, numbers and nothing in as React would", () => {
    const items = ["a<b", "c"].map((text, i) => markup`<li data-i="${i}">${text}</li>`);
    const list = markup`<ul>${items}</ul>`;
    expect(list.html).toBe('<ul><li data-i="0">a&lt;b</li><li data-i="1">c</li></ul>');
    expect(markup`<p>${null}${undefined}${false}${true}${0}</p>`.html).toBe("<p>0</p>");
    expect(markup`<p>${[[markup`<b>${"x"}</b>`], "&"]}</p>`.html).toBe("<p><b>x</b>&amp;</p>");
    expect(markup`<mark>${Markup.trusted("<mark>ok</mark>")}</mark>`.html).toBe(
      "<mark><mark>ok</mark></mark>",
    );
    expect(inner(markup`<i>${"é"}</i>`)).toEqual({ __html: "<i>é</i>" });
  });

  it("refuses an attribute value that is not quoted", () => {
    expect(() => markup`<a href=${"x onmouseover=alert(1)"}>x</a>`).toThrow(/quoted/);
    expect(() => markup`<a title=${"x"}>x</a>`).toThrow(/quoted/);
  });

  it("lets links lead only to http(s) addresses and this site's paths", () => {
    expect(safeHref("https://example.com/a?b=1")).toBe("https://example.com/a?b=1");
    expect(safeHref("http://example.com/")).toBe("http://example.com/");
    expect(safeHref("/stories/12")).toBe("/stories/12");
    expect(safeHref("javascript:alert(1)")).toBe("#");
    expect(safeHref(" JavaScript:alert(1)")).toBe("#");
    expect(safeHref("data:text/html,<script>")).toBe("#");
    expect(safeHref("//evil.example/x")).toBe("#");
    expect(safeHref("not a url")).toBe("#");
  });
});
