import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { readFlash } from "@/components/admin/flash";
import { FlashMessage } from "@/components/admin/flash-message";
import { adminPageContext, type AdminSearchParams } from "@/components/admin/server";

export const metadata: Metadata = { title: "Admin login" };

/** The login form, or how to enable the admin area when no token is set. */
export default async function LoginPage({ searchParams }: { searchParams: AdminSearchParams }) {
  const { locale, t, enabled, loggedIn } = await adminPageContext();
  if (!enabled) {
    return (
      <section className="admin-panel" aria-labelledby="disabled-title">
        <h1 id="disabled-title">{t.disabledTitle}</h1>
        <p>{t.disabledBody}</p>
        <pre className="admin-code">ADMIN_TOKEN=&lt;a long random string&gt; npm start</pre>
      </section>
    );
  }
  if (loggedIn) redirect("/admin");
  const query = await searchParams;
  const flash = readFlash(locale, query);
  // A refused token comes back here (?login=wrong|missing) from POST /api/admin/login.
  const refused =
    query.login === "wrong" ? t.loginFailed : query.login === "missing" ? t.loginMissing : null;
  return (
    <section className="admin-panel admin-login" aria-labelledby="login-title">
      <h1 id="login-title">{t.loginTitle}</h1>
      {refused ? (
        <p className="admin-flash error" role="alert" id="login-error">
          {refused}
        </p>
      ) : flash ? (
        <FlashMessage flash={flash} anchor={false} />
      ) : null}
      <p id="login-intro">{t.loginIntro}</p>
      <form method="post" action="/api/admin/login" className="admin-form">
        <label htmlFor="token">{t.tokenLabel}</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={refused !== null}
          aria-invalid={refused ? true : undefined}
          aria-describedby={refused ? "login-error login-intro" : "login-intro"}
        />
        <button type="submit" className="admin-button">
          {t.loginButton}
        </button>
      </form>
    </section>
  );
}
