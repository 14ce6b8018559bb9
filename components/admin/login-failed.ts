/**
 * The 401 page a wrong token gets. It is plain HTML written by the login route handler (a route
 * handler cannot render the app's layout), so it carries its own form to try again and no inline
 * style or script, which keeps it inside any Content-Security-Policy.
 */
import type { AdminLocale, AdminMessages } from "../../lib/i18n/messages/admin";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

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
