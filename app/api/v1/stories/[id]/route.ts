/** GET /api/v1/stories/{id} */
import { apiStory } from "@/lib/api/v1";

export async function GET(
  request: Request,
  context: { params: Promise<{ id: string }> },
): Promise<Response> {
  return apiStory(request, (await context.params).id);
}
