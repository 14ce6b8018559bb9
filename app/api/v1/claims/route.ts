/** GET /api/v1/claims */
import { apiClaims } from "@/lib/api/v1";

export function GET(request: Request): Promise<Response> {
  return apiClaims(request);
}
