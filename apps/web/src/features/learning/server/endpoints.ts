/** The learning overview's endpoint (server/admin/registry.ts collects it). */
import { register } from "@/server/admin/register";
import { learningOverview } from "../contract";
import { learningOverviewHandler } from "./learning-overview";

export const learningRoutes = [register(learningOverview, learningOverviewHandler)];
