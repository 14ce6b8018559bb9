import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { LOCALE_PARAM } from "@/lib/i18n";
import { currentUrl, getUi } from "@/lib/i18n/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "DisputeWatch", template: "%s · DisputeWatch" },
  description:
    "Disputes between AI developers in the news: who accuses whom of what, with sources.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
};

/** The href that shows the current page in the other language (the proxy sets the cookie). */
function switchHref(current: string, locale: string): string {
  const url = new URL(current, "http://local");
  url.searchParams.set(LOCALE_PARAM, locale === "vi" ? "en" : "vi");
  return `${url.pathname}${url.search}`;
}

/** The shell of every public page: skip link, header with navigation and language switch, footer. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const [ui, current] = await Promise.all([getUi(), currentUrl()]);
  const { t } = ui;
  return (
    <html lang={ui.locale}>
      <body>
        <a className="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header className="site-header">
          <a className="brand" href="/">
            {t.siteName}
          </a>
          <nav aria-label={t.siteName}>
            <ul className="nav">
              <li>
                <a href="/">{t.nav.timeline}</a>
              </li>
              <li>
                <a href="/search">{t.nav.search}</a>
              </li>
              <li>
                <a href="/claims">{t.nav.claims}</a>
              </li>
            </ul>
          </nav>
          <a
            className="lang-switch"
            href={switchHref(current, ui.locale)}
            hrefLang={ui.locale === "vi" ? "en" : "vi"}
            lang={ui.locale === "vi" ? "en" : "vi"}
            aria-label={t.languageSwitchLabel}
            data-testid="lang-switch"
          >
            {t.languageSwitch}
          </a>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t.tagline}</p>
          <p>{t.timesIn(ui.timeZone)}</p>
        </footer>
      </body>
    </html>
  );
}
