/** GET /api/v1/stories */
import { apiStories } from "@/lib/api/v1";

export function GET(request: Request): Promise<Response> {
  return apiStories(request);
}
