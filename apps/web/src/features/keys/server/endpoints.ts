/**
 * API key endpoints: each contract of ../contract.ts with its handler. A new endpoint is its
 * contract plus one line here: server/admin/registry.ts collects this list, so the endpoint is
 * served (app/api/admin/[...path]), described in the OpenAPI document and walked by the
 * authorisation test.
 */
import { register } from "@/server/admin/register";
import { createKey, listKeyScopes, listKeys, revokeKey, rotateKey, updateKey } from "../contract";
import {
  createKeyHandler,
  listKeyScopesHandler,
  listKeysHandler,
  revokeKeyHandler,
  updateKeyHandler,
} from "./keys";
import { rotateKeyHandler } from "./rotate";

export const keyRoutes = [
  register(listKeys, listKeysHandler),
  register(createKey, createKeyHandler),
  register(revokeKey, revokeKeyHandler),
  register(updateKey, updateKeyHandler),
  register(rotateKey, rotateKeyHandler),
  register(listKeyScopes, listKeyScopesHandler),
];
