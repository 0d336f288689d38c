import type { Gateway } from "../create-gateway";

type GatewaySource = Gateway | (() => Gateway | Promise<Gateway>);

/**
 * GET and POST handlers for a Next.js catch-all route file (e.g. app/api/v1/[...path]/route.ts):
 * `export const { GET, POST } = createRouteHandlers(() => getGateway());`
 */
export function createRouteHandlers(source: GatewaySource): {
  GET(request: Request): Promise<Response>;
  POST(request: Request): Promise<Response>;
} {
  const handle = async (request: Request) => {
    const gateway = typeof source === "function" ? await source() : source;
    return gateway.handleWeb(request);
  };
  return { GET: handle, POST: handle };
}
