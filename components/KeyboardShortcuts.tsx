"use client";
/**
 * Keyboard shortcuts as feed readers have them, on the timeline and search: j / k move to the next
 * or previous story or result (focusing its link), / goes to the search box, ? shows or hides the
 * list of shortcuts. Keys typed into a field, or with Ctrl, Alt or Meta, are left alone.
 */
import { useEffect, useRef, useState } from "react";

export interface ShortcutLabels {
  title: string;
  next: string;
  previous: string;
  search: string;
  help: string;
  close: string;
}

/** The links j and k move between: story card titles and search hit titles. */
const ITEMS = "article.card h3 a, .hit h2 a";

export function KeyboardShortcuts({ labels }: { labels: ShortcutLabels }) {
  const [open, setOpen] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)))
        return;
      if (event.key === "?") {
        event.preventDefault();
        setOpen((value) => !value);
        return;
      }
      if (event.key === "Escape") {
        setOpen(false);
        return;
      }
      if (event.key === "/") {
        event.preventDefault();
        const box = document.querySelector<HTMLInputElement>("#q");
        if (box) box.focus();
        else window.location.href = "/search";
        return;
      }
      if (event.key === "j" || event.key === "k") {
        const items = [...document.querySelectorAll<HTMLAnchorElement>(ITEMS)];
        if (items.length === 0) return;
        event.preventDefault();
        const current = items.indexOf(document.activeElement as HTMLAnchorElement);
        const next =
          current === -1
            ? event.key === "j"
              ? 0
              : items.length - 1
            : Math.min(items.length - 1, Math.max(0, current + (event.key === "j" ? 1 : -1)));
        items[next]!.focus();
        items[next]!.scrollIntoView({ block: "nearest" });
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="shortcuts" role="dialog" aria-modal="false" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">{labels.title}</h2>
      <dl className="dl">
        <dt>
          <kbd>j</kbd>
        </dt>
        <dd>{labels.next}</dd>
        <dt>
          <kbd>k</kbd>
        </dt>
        <dd>{labels.previous}</dd>
        <dt>
          <kbd>/</kbd>
        </dt>
        <dd>{labels.search}</dd>
        <dt>
          <kbd>?</kbd>
        </dt>
        <dd>{labels.help}</dd>
      </dl>
      <button type="button" ref={closeRef} onClick={() => setOpen(false)}>
        {labels.close}
      </button>
    </div>
  );
}
