/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of the API. */
import { openApiDocument } from "@/lib/api/openapi";
import { json } from "@/lib/http/respond";
import { getConfig } from "@/lib/config";

export function GET(): Response {
  return json(openApiDocument(getConfig().publicUrl), 200, {
    "Cache-Control": "public, max-age=3600",
    "Access-Control-Allow-Origin": "*",
  });
}
