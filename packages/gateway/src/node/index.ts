export { type GatewayServer, startGatewayServer } from "./start-server";
