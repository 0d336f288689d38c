/** Spend endpoints: the contract with its handler (server/admin/registry.ts collects the list). */
import { register } from "@/server/admin/register";
import { getSpend } from "../contract";
import { spendHandler } from "./spend";

export const spendRoutes = [register(getSpend, spendHandler)];
