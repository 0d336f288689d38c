/**
 * Management API contracts for the demo team's generated traffic history (thirty days written on
 * the first start, every row tagged `demo:generated`): whether the team has it, and removing it.
 */
import { z } from "zod";
import { endpoint } from "@/lib/contract";

const teamParams = z.object({ teamId: z.string().min(1) });

export const getDemoData = endpoint({
  id: "demoData.get",
  method: "GET",
  path: "/api/admin/teams/:teamId/demo-data",
  summary: "Whether the team's request log holds generated demo traffic, and how much",
  access: { team: "viewer" },
  params: teamParams,
  response: z.object({
    present: z.boolean(),
    /** Generated requests written (0 when none, or once removed). */
    requests: z.number().int().nonnegative(),
    days: z.number().int().nonnegative(),
    /** The tag every generated row carries. */
    tag: z.string(),
  }),
});

export const removeDemoData = endpoint({
  id: "demoData.remove",
  method: "DELETE",
  path: "/api/admin/teams/:teamId/demo-data",
  summary: "Delete the generated demo traffic (rows tagged demo:generated) and its rollups",
  access: { team: "admin" },
  write: true,
  params: teamParams,
  response: z.object({ removed: z.number().int().nonnegative() }),
});
