export {
  type ResponsesRequest,
  responsesRequestSchema,
  responsesToCanonicalRequest,
  storedInputItems,
  storedItemsSchema,
} from "./responses-request";
export { canonicalToResponses, type ResponseMeta } from "./responses-response";
export { ResponsesStreamEncoder } from "./responses-stream";
