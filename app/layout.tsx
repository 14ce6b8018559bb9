import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "DisputeWatch", template: "%s · DisputeWatch" },
  description: "Disputes between AI developers in the news: who accuses whom of what, with sources.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a className="brand" href="/">DisputeWatch</a>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
