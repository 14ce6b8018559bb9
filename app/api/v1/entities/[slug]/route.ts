/** GET /api/v1/entities/{slug} */
import { apiEntity } from "@/lib/api/v1";

export async function GET(
  request: Request,
  context: { params: Promise<{ slug: string }> },
): Promise<Response> {
  return apiEntity(request, (await context.params).slug);
}
