/**
 * Demo data endpoints. The generation (on the first start) and each removal leave an audit row,
 * which is what the status reads: no scan of the request log.
 */
import { DEMO_HISTORY_TAG, removeDemoHistory } from "@switchyard/server";
import { z } from "zod";
import { register } from "@/server/admin/register";
import { getDemoData, removeDemoData } from "../contract";

const seededSchema = z.object({ requests: z.number().int(), days: z.number().int() });

export const demoDataRoutes = [
  register(getDemoData, async ({ params, prisma }) => {
    const [seeded, removed] = await Promise.all(
      ["demo.history.seed", "demo.history.remove"].map((action) =>
        prisma.auditLog.findFirst({
          where: { teamId: params.teamId, action },
          select: { after: true },
          orderBy: { createdAt: "desc" },
        }),
      ),
    );
    const facts = seededSchema.safeParse(seeded?.after);
    const present = facts.success && !removed;
    return {
      present,
      requests: present ? facts.data.requests : 0,
      days: present ? facts.data.days : 0,
      tag: DEMO_HISTORY_TAG,
    };
  }),
  register(removeDemoData, async ({ params, prisma, audit }) => {
    const removed = await removeDemoHistory(prisma, params.teamId);
    await audit({
      action: "demo.history.remove",
      targetType: "team",
      targetId: params.teamId,
      after: { removed, tag: DEMO_HISTORY_TAG },
    });
    return { removed };
  }),
];
