/** GET /api/v1/search */
import { apiSearch } from "@/lib/api/v1";

export function GET(request: Request): Promise<Response> {
  return apiSearch(request);
}
