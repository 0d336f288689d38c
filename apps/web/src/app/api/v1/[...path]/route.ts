import { handleGatewayRequest } from "@/server/gateway";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export {
  handleGatewayRequest as GET,
  handleGatewayRequest as POST,
  handleGatewayRequest as PUT,
  handleGatewayRequest as PATCH,
  handleGatewayRequest as DELETE,
  handleGatewayRequest as OPTIONS,
};
