/** The outcome of the last form post on an admin page: an alert for an error, a status for a notice. */
import type { Flash } from "./flash";

/**
 * `anchor` (the default) makes it the `#flash` target a redirect scrolls to and focuses; the login
 * form, which no redirect points into, shows it without.
 */
export function FlashMessage({ flash, anchor = true }: { flash: Flash; anchor?: boolean }) {
  return (
    <p
      className={`admin-flash ${flash.kind}`}
      role={flash.kind === "error" ? "alert" : "status"}
      {...(anchor ? { tabIndex: -1, id: "flash" } : {})}
    >
      {flash.text}
    </p>
  );
}
