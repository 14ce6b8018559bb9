"use client";

/**
 * The last resort for an unexpected failure while rendering a page (bad input answers 400 in the
 * proxy and unknown ids 404, so reaching this is a bug or an outage). Next requires a client
 * component here; it shows both languages because it cannot read the locale cookie.
 */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <>
      <h1>Something went wrong · Đã có lỗi xảy ra</h1>
      <p>
        The page could not be shown. Try again in a moment. · Không thể hiển thị trang. Vui lòng thử
        lại sau giây lát.
      </p>
      {error.digest && (
        <p className="meta">
          <code>{error.digest}</code>
        </p>
      )}
      <p>
        <button type="button" onClick={() => reset()}>
          Try again · Thử lại
        </button>{" "}
        <a href="/">DisputeWatch</a>
      </p>
    </>
  );
}
