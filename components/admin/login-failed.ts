/**
 * The 401 page a wrong token gets. It is plain HTML written by the login route handler (a route
 * handler cannot render the app's layout), so it carries its own form to try again and a small
 * inline style (the CSP allows inline styles, never inline scripts).
 */
import type { AdminLocale, AdminMessages } from "@/lib/i18n/messages/admin";
import { escapeHtml } from "@/lib/text/html";

/** The whole 401 document: the message, announced first, then the login form again. */
export function loginFailedPage(locale: AdminLocale, t: AdminMessages, message: string): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${e(t.loginTitle)} · DisputeWatch</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
a{color:#0b5cad}[role=alert]{color:#b3261e;border:1px solid;padding:.6rem .8rem;border-radius:6px}
input,button{font:inherit;min-height:2.75rem;padding:.4rem .6rem;border-radius:6px}input{width:100%;border:1px solid #57606a}
button{font-weight:600;background:#0b5cad;color:#fff;border:1px solid #0b5cad;padding:.4rem 1rem}
:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}a{color:#6cb6ff}[role=alert]{color:#ff9b93}button{background:#6cb6ff;color:#0d1117;border-color:#6cb6ff}}</style>
</head>
<body>
<header><a href="/">DisputeWatch</a></header>
<main id="main">
<h1>${e(t.loginTitle)}</h1>
<p role="alert" id="login-error"><strong>${e(message)}</strong></p>
<form method="post" action="/api/admin/login">
<p><label for="token">${e(t.tokenLabel)}</label><br>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus aria-describedby="login-error" aria-invalid="true"></p>
<p><button type="submit">${e(t.loginButton)}</button></p>
</form>
</main>
</body>
</html>
`;
}
