/** GET /api/v1/claims/threads */
import { apiClaimThreads } from "@/lib/api/v1";

export function GET(request: Request): Promise<Response> {
  return apiClaimThreads(request);
}
