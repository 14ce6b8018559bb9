/** GET /api/v1/entities */
import { apiEntities } from "@/lib/api/v1";

export function GET(request: Request): Promise<Response> {
  return apiEntities(request);
}
