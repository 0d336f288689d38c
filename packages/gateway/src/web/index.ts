export { handleWebRequest } from "./handle-web";
