import type { Metadata } from "next";
import type { ReactNode } from "react";
import { adminPageContext } from "@/components/admin/server";
import "./admin.css";

export const metadata: Metadata = {
  title: "Admin",
  robots: { index: false, follow: false },
};

export const dynamic = "force-dynamic";

/** The admin area's frame: its language, and the logout button once logged in. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { locale, t, loggedIn } = await adminPageContext();
  return (
    <div className="admin" lang={locale}>
      <div className="admin-bar">
        <p className="admin-crumb">
          <a href="/admin">{t.adminArea}</a>
          {loggedIn ? (
            <>
              {" · "}
              <a href="/admin/failed">{t.failedLink}</a>
            </>
          ) : null}
        </p>
        {loggedIn ? (
          <form method="post" action="/api/admin/logout">
            <button type="submit" className="admin-button secondary">
              {t.logout}
            </button>
          </form>
        ) : null}
      </div>
      {children}
    </div>
  );
}
