/** GET /api/v1/articles */
import { apiArticles } from "@/lib/api/v1";

export function GET(request: Request): Promise<Response> {
  return apiArticles(request);
}
