export { handleNodeRequest } from "./handle-node";
export { type GatewayServer, startGatewayServer } from "./start-server";
