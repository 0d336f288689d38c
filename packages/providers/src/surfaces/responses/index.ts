export {
  type ResponsesRequest,
  responsesRequestSchema,
  responsesToCanonicalRequest,
} from "./responses-request";
export { canonicalToResponses } from "./responses-response";
export { ResponsesStreamEncoder } from "./responses-stream";
