export { createRouteHandlers } from "./route-handlers";
