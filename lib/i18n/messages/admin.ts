/** Interface strings of the admin area, in English and Vietnamese. */

const en = {
  title: "Sources",
  adminArea: "Admin",
  loginTitle: "Admin login",
  loginIntro: "Enter the admin token (the ADMIN_TOKEN setting of this server).",
  tokenLabel: "Admin token",
  loginButton: "Log in",
  loginFailed: "That token is not right. Check it and try again.",
  loginMissing: "Enter the token.",
  loginLocked: "Too many wrong tokens. Logins are paused; try again in {seconds} s.",
  tryAgain: "Try again",
  logout: "Log out",
  loggedOut: "You are logged out.",
  disabledTitle: "The admin area is disabled",
  disabledBody:
    "This server has no admin token. To enable the admin area, set ADMIN_TOKEN (at least 12 characters) in the environment and restart the app.",
  addTitle: "Add a source",
  addHelp: "A feed URL, a web page that advertises a feed, or a single article page.",
  urlLabel: "URL",
  titleLabel: "Title (optional)",
  addButton: "Add source",
  importTitle: "Import OPML",
  importHelp: "An OPML file exported from a feed reader.",
  fileLabel: "OPML file",
  importButton: "Import",
  exportTitle: "Export",
  exportLink: "Download sources as OPML",
  sourcesCount: "{n} sources",
  noSources: "No sources yet.",
  kindFeed: "feed",
  kindPage: "page",
  sample: "sample",
  paused: "paused",
  failing: "failing",
  lastFetch: "Last fetch",
  lastSuccess: "Last success",
  nextFetch: "Next fetch",
  errorCount: "Errors in a row",
  lastError: "Last error",
  pausedReason: "Paused because",
  status: "HTTP status",
  never: "never",
  now: "due now",
  pause: "Pause",
  resume: "Resume",
  refresh: "Refresh now",
  remove: "Remove…",
  recentFetches: "Recent fetches ({n})",
  noFetches: "No fetches yet.",
  fetchWhen: "When",
  fetchOutcome: "Outcome",
  fetchItems: "Items (new)",
  fetchDuration: "Time",
  fetchError: "Error",
  removeTitle: "Remove this source?",
  removeBody: "The source stops being fetched. Its articles stay in the timeline.",
  removeConfirm: "Yes, remove it",
  cancel: "Cancel",
  notFound: "No such source.",
  added: "Source added: {title}",
  addedDiscovered: "Source added: {title} (feed found on {from})",
  alreadyThere: "This source was already there: {title}",
  pausedDone: "Paused: {title}",
  resumed: "Resumed: {title}. Its error count is cleared and it is due now.",
  refreshed: "Refreshed: {title}. Items in the feed: {items}; new on topic: {stored}.",
  refreshUnchanged:
    "Refreshed: {title}. Unchanged since the last fetch (the server said 304 Not Modified), so there is nothing new to read.",
  refreshFailed:
    "Refreshed {title}, but the fetch failed; its last error is shown with the source.",
  removed: "Source removed.",
  imported: "OPML imported: {added} added, {existing} already there, {invalid} skipped.",
  sampleTitle: "Sample data",
  sampleBody:
    "The bundled sample corpus ({n} articles, marked “Sample data”) is still here. Remove its stories, articles and sources, all at once; your own sources and articles stay.",
  sampleButton: "Remove the sample data",
  sampleRemoved: "Sample data removed: {articles} articles, {stories} stories, {sources} sources.",
  errorPrefix: "Could not do that:",
  skipToSources: "Skip to the sources",
  actionsFor: "Actions for {title}",
  failedLink: "Failed items",
  failedTitle: "Failed items",
  failedIntro:
    "Articles whose page could not be stored after every try (or at once, when trying again cannot help: a 404, an empty page, robots.txt). Each keeps its last error. Retry puts it back in the queue with fresh tries; its source is fetched at the next pass.",
  failedNone: "No failed items.",
  failedCount: "{n} failed items",
  failedSource: "Source",
  failedItem: "Article",
  failedAttempts: "Tries",
  failedError: "Error",
  retry: "Retry",
  retryAll: "Retry all",
  retried: "{items} items put back in the queue.",
} as const;

export type AdminMessages = { [K in keyof typeof en]: string };

const vi: AdminMessages = {
  title: "Nguồn tin",
  adminArea: "Quản trị",
  loginTitle: "Đăng nhập quản trị",
  loginIntro: "Nhập mã quản trị (thiết lập ADMIN_TOKEN của máy chủ này).",
  tokenLabel: "Mã quản trị",
  loginButton: "Đăng nhập",
  loginFailed: "Mã không đúng. Hãy kiểm tra lại rồi thử lần nữa.",
  loginMissing: "Hãy nhập mã.",
  loginLocked: "Nhập sai mã quá nhiều lần. Đăng nhập tạm dừng; hãy thử lại sau {seconds} giây.",
  tryAgain: "Thử lại",
  logout: "Đăng xuất",
  loggedOut: "Bạn đã đăng xuất.",
  disabledTitle: "Khu vực quản trị đang tắt",
  disabledBody:
    "Máy chủ này chưa có mã quản trị. Để bật khu vực quản trị, đặt biến môi trường ADMIN_TOKEN (ít nhất 12 ký tự) rồi khởi động lại ứng dụng.",
  addTitle: "Thêm nguồn",
  addHelp:
    "Địa chỉ một nguồn cấp (feed), một trang web có khai báo nguồn cấp, hoặc một trang bài viết.",
  urlLabel: "Địa chỉ URL",
  titleLabel: "Tiêu đề (không bắt buộc)",
  addButton: "Thêm nguồn",
  importTitle: "Nhập OPML",
  importHelp: "Tệp OPML xuất từ một trình đọc tin.",
  fileLabel: "Tệp OPML",
  importButton: "Nhập",
  exportTitle: "Xuất",
  exportLink: "Tải danh sách nguồn dạng OPML",
  sourcesCount: "{n} nguồn",
  noSources: "Chưa có nguồn nào.",
  kindFeed: "nguồn cấp",
  kindPage: "trang",
  sample: "mẫu",
  paused: "tạm dừng",
  failing: "đang lỗi",
  lastFetch: "Lần tải gần nhất",
  lastSuccess: "Lần thành công gần nhất",
  nextFetch: "Lần tải tới",
  errorCount: "Số lỗi liên tiếp",
  lastError: "Lỗi gần nhất",
  pausedReason: "Lý do tạm dừng",
  status: "Mã HTTP",
  never: "chưa bao giờ",
  now: "đến hạn ngay",
  pause: "Tạm dừng",
  resume: "Tiếp tục",
  refresh: "Tải lại ngay",
  remove: "Xoá…",
  recentFetches: "Các lần tải gần đây ({n})",
  noFetches: "Chưa tải lần nào.",
  fetchWhen: "Thời điểm",
  fetchOutcome: "Kết quả",
  fetchItems: "Mục (mới)",
  fetchDuration: "Thời gian",
  fetchError: "Lỗi",
  removeTitle: "Xoá nguồn này?",
  removeBody: "Nguồn sẽ không được tải nữa. Các bài viết của nó vẫn ở lại trên dòng thời gian.",
  removeConfirm: "Đồng ý, xoá",
  cancel: "Huỷ",
  notFound: "Không có nguồn này.",
  added: "Đã thêm nguồn: {title}",
  addedDiscovered: "Đã thêm nguồn: {title} (tìm thấy nguồn cấp trên {from})",
  alreadyThere: "Nguồn này đã có sẵn: {title}",
  pausedDone: "Đã tạm dừng: {title}",
  resumed: "Đã tiếp tục: {title}. Số lỗi được xoá và nguồn đến hạn tải ngay.",
  refreshed: "Đã tải lại: {title}. Số mục trong nguồn: {items}; mục mới đúng chủ đề: {stored}.",
  refreshUnchanged:
    "Đã tải lại: {title}. Không có gì thay đổi kể từ lần tải trước (máy chủ trả lời 304 Not Modified), nên không có mục mới.",
  refreshFailed: "Đã tải lại {title} nhưng không thành công; lỗi gần nhất hiển thị cùng nguồn.",
  removed: "Đã xoá nguồn.",
  imported: "Đã nhập OPML: thêm {added}, có sẵn {existing}, bỏ qua {invalid}.",
  sampleTitle: "Dữ liệu mẫu",
  sampleBody:
    "Bộ dữ liệu mẫu đi kèm ({n} bài, gắn nhãn “Dữ liệu mẫu”) vẫn còn. Xoá toàn bộ câu chuyện, bài viết và nguồn của nó cùng một lúc; nguồn và bài viết của bạn được giữ nguyên.",
  sampleButton: "Xoá dữ liệu mẫu",
  sampleRemoved: "Đã xoá dữ liệu mẫu: {articles} bài viết, {stories} câu chuyện, {sources} nguồn.",
  errorPrefix: "Không thực hiện được:",
  skipToSources: "Đến danh sách nguồn",
  actionsFor: "Thao tác cho {title}",
  failedLink: "Mục lỗi",
  failedTitle: "Mục lỗi",
  failedIntro:
    "Các bài viết không lưu được sau mọi lần thử (hoặc ngay lập tức khi thử lại không giúp được: 404, trang trống, robots.txt). Mỗi mục giữ lỗi gần nhất. “Thử lại” đưa mục trở lại hàng đợi với số lần thử mới; nguồn của nó được tải ở lượt tới.",
  failedNone: "Không có mục lỗi.",
  failedCount: "{n} mục lỗi",
  failedSource: "Nguồn",
  failedItem: "Bài viết",
  failedAttempts: "Số lần thử",
  failedError: "Lỗi",
  retry: "Thử lại",
  retryAll: "Thử lại tất cả",
  retried: "Đã đưa {items} mục trở lại hàng đợi.",
};

/** Why an action failed, by error code, said for a person rather than a log. */
const errorsEn: Record<string, string> = {
  BAD_REQUEST: "the form was incomplete or invalid.",
  FORBIDDEN: "the request did not come from this site.",
  NOT_FOUND: "that source no longer exists.",
  FETCH_BAD_URL: "that is not an absolute http(s) URL.",
  FETCH_PRIVATE_ADDRESS:
    "that address is on a private or local network, which this server does not fetch.",
  FETCH_TIMEOUT: "the server did not answer in time.",
  FETCH_TOO_LARGE: "the response is larger than the size limit.",
  FETCH_TOO_MANY_REDIRECTS: "the URL redirects too many times.",
  FETCH_HTTP_STATUS: "the server answered with an error status{status}.",
  FETCH_RATE_LIMITED: "the server asked us to slow down; try later.",
  FETCH_ROBOTS_DISALLOWED: "the site's robots.txt does not allow fetching it.",
  FETCH_NETWORK: "the server could not be reached (DNS, connection or TLS error).",
  FEED_EMPTY: "the server sent an empty document.",
  FEED_NOT_A_FEED: "the document is not a feed.",
  FEED_INVALID: "the feed could not be read.",
  EXTRACT_EMPTY: "no article text was found on that page.",
  OPML_INVALID: "the file is not a readable OPML document.",
  INTERNAL: "an unexpected error happened; the server log has the details.",
};

const errorsVi: Record<string, string> = {
  BAD_REQUEST: "biểu mẫu thiếu hoặc không hợp lệ.",
  FORBIDDEN: "yêu cầu không xuất phát từ trang này.",
  NOT_FOUND: "nguồn đó không còn tồn tại.",
  FETCH_BAD_URL: "đó không phải là một địa chỉ http(s) đầy đủ.",
  FETCH_PRIVATE_ADDRESS:
    "địa chỉ đó thuộc mạng nội bộ hoặc mạng riêng, máy chủ này không tải từ đó.",
  FETCH_TIMEOUT: "máy chủ không trả lời kịp thời gian.",
  FETCH_TOO_LARGE: "nội dung trả về vượt quá giới hạn dung lượng.",
  FETCH_TOO_MANY_REDIRECTS: "địa chỉ chuyển hướng quá nhiều lần.",
  FETCH_HTTP_STATUS: "máy chủ trả về mã lỗi{status}.",
  FETCH_RATE_LIMITED: "máy chủ yêu cầu giảm tốc độ; hãy thử lại sau.",
  FETCH_ROBOTS_DISALLOWED: "tệp robots.txt của trang không cho phép tải.",
  FETCH_NETWORK: "không kết nối được tới máy chủ (lỗi DNS, kết nối hoặc TLS).",
  FEED_EMPTY: "máy chủ gửi về một tài liệu rỗng.",
  FEED_NOT_A_FEED: "tài liệu không phải là nguồn cấp tin.",
  FEED_INVALID: "không đọc được nguồn cấp.",
  EXTRACT_EMPTY: "không tìm thấy nội dung bài viết trên trang đó.",
  OPML_INVALID: "tệp không phải là tài liệu OPML đọc được.",
  INTERNAL: "đã xảy ra lỗi không mong đợi; nhật ký máy chủ có chi tiết.",
};

/** What to do about an error, by code: the sentence after the reason. */
const adviceEn: Record<string, string> = {
  BAD_REQUEST: "Fill in the URL field and send the form again.",
  FORBIDDEN:
    "Open the admin page at the app's own address and try again (behind a reverse proxy, set PUBLIC_URL to that address).",
  NOT_FOUND: "Reload the page to see the current sources.",
  FETCH_BAD_URL: "Enter the whole address, starting with https://.",
  FETCH_PRIVATE_ADDRESS:
    "Use the site's public address. To follow a feed on your own network, start the server with ALLOW_PRIVATE_NETWORKS=true.",
  FETCH_TIMEOUT: "Check that the site opens in a browser, then try again later.",
  FETCH_TOO_LARGE: "Use the site's feed address rather than a large page or file.",
  FETCH_TOO_MANY_REDIRECTS: "Open the address in a browser and enter the address it ends up at.",
  FETCH_HTTP_STATUS:
    "Open the address in a browser to check it; if the page has moved, enter its new address, or the site's home page so its feed can be found.",
  FETCH_RATE_LIMITED: "Wait a few minutes, then try again.",
  FETCH_ROBOTS_DISALLOWED: "The site does not want to be fetched; choose another source for it.",
  FETCH_NETWORK: "Check the address for typing mistakes and that the site is up, then try again.",
  FEED_EMPTY: "Check the address, or enter the site's home page so its feed can be found.",
  FEED_NOT_A_FEED:
    "Enter the feed's own address (it often ends in /feed, /rss or .xml), or the site's home page so its feed can be found.",
  FEED_INVALID: "The site's feed is broken; try the site's home page or another of its feeds.",
  EXTRACT_EMPTY: "Enter the address of one article, or of the site's feed.",
  OPML_INVALID: "Export the list again from your feed reader as an OPML file and import that.",
  INTERNAL: "Try again; if it keeps happening, look in the server log.",
};

const adviceVi: Record<string, string> = {
  BAD_REQUEST: "Hãy điền ô địa chỉ URL rồi gửi lại.",
  FORBIDDEN:
    "Hãy mở trang quản trị bằng chính địa chỉ của ứng dụng rồi thử lại (nếu chạy sau reverse proxy, đặt PUBLIC_URL là địa chỉ đó).",
  NOT_FOUND: "Hãy tải lại trang để xem danh sách nguồn hiện tại.",
  FETCH_BAD_URL: "Hãy nhập đầy đủ địa chỉ, bắt đầu bằng https://.",
  FETCH_PRIVATE_ADDRESS:
    "Hãy dùng địa chỉ công khai của trang. Để theo dõi nguồn cấp trong mạng của bạn, khởi động máy chủ với ALLOW_PRIVATE_NETWORKS=true.",
  FETCH_TIMEOUT: "Hãy kiểm tra trang có mở được trong trình duyệt không, rồi thử lại sau.",
  FETCH_TOO_LARGE: "Hãy dùng địa chỉ nguồn cấp của trang thay vì một trang hay tệp lớn.",
  FETCH_TOO_MANY_REDIRECTS:
    "Hãy mở địa chỉ trong trình duyệt và nhập địa chỉ cuối cùng mà nó dẫn tới.",
  FETCH_HTTP_STATUS:
    "Hãy mở địa chỉ trong trình duyệt để kiểm tra; nếu trang đã chuyển chỗ, hãy nhập địa chỉ mới, hoặc trang chủ để tìm nguồn cấp của nó.",
  FETCH_RATE_LIMITED: "Hãy đợi vài phút rồi thử lại.",
  FETCH_ROBOTS_DISALLOWED: "Trang này không muốn bị tải tự động; hãy chọn nguồn khác.",
  FETCH_NETWORK:
    "Hãy kiểm tra địa chỉ có gõ sai không và trang có đang hoạt động không, rồi thử lại.",
  FEED_EMPTY: "Hãy kiểm tra địa chỉ, hoặc nhập trang chủ để tìm nguồn cấp của nó.",
  FEED_NOT_A_FEED:
    "Hãy nhập địa chỉ của chính nguồn cấp (thường kết thúc bằng /feed, /rss hoặc .xml), hoặc trang chủ để tìm nguồn cấp của nó.",
  FEED_INVALID: "Nguồn cấp của trang bị hỏng; hãy thử trang chủ hoặc một nguồn cấp khác của trang.",
  EXTRACT_EMPTY: "Hãy nhập địa chỉ của một bài viết, hoặc của nguồn cấp.",
  OPML_INVALID: "Hãy xuất lại danh sách từ trình đọc tin dưới dạng tệp OPML rồi nhập tệp đó.",
  INTERNAL: "Hãy thử lại; nếu vẫn lỗi, xem nhật ký máy chủ.",
};

export type AdminLocale = "en" | "vi";

/** The admin strings of each locale. */
export const adminMessages: Record<AdminLocale, AdminMessages> = { en, vi };

/**
 * The sentences for an error code in a locale: what went wrong, then what to do about it (an
 * unknown code reads as an unexpected error). `status` is the HTTP status a fetch got, if any.
 */
export function adminErrorText(
  locale: AdminLocale,
  code: string,
  values: { status?: string } = {},
): string {
  const known = code in errorsEn ? code : "INTERNAL";
  const reason = (locale === "vi" ? errorsVi : errorsEn)[known]!;
  const advice = (locale === "vi" ? adviceVi : adviceEn)[known]!;
  const status = values.status && /^\d{3}$/.test(values.status) ? ` (HTTP ${values.status})` : "";
  return `${reason.replace("{status}", status)} ${advice}`;
}

/** Fills {name} placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
