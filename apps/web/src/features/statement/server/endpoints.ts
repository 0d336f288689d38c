/** Statement endpoints: the contract with its handler (server/admin/registry.ts collects the list). */
import { register } from "@/server/admin/register";
import { getStatement } from "../contract";
import { statementHandler } from "./statement";

export const statementRoutes = [register(getStatement, statementHandler)];
